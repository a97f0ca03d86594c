
    
      
    

    create  table
      "staging"."main"."dim_districts__dbt_tmp"
  
  (
    municipality varchar,
    district varchar,
    district_group varchar
    
    )
 ;
    
    
    insert into "staging"."main"."dim_districts__dbt_tmp" 
  (
    
      
      
      municipality ,
    
      
      
      district ,
    
      
      
      district_group 
    
  )
 (
      
    select municipality, district, district_group
    from (
        -- Every district a case has been assigned to, with its district group (seed district_groups;
-- 'unmapped' when the seed does not know it), plus the seed's districts without cases yet.
with assigned as (

    select distinct municipality, district, district_group
    from "staging"."main"."int_case_assignments"

),

seeded as (

    select cast(municipality as varchar) as municipality, district, district_group
    from "staging"."main"."district_groups"

)

select * from assigned
union
select * from seeded
    ) as model_subq
    );
  