
-- Fixture for int_cases
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", cast(null as DATE) as "child_birth_date", cast(null as DATE) as "opened_date", cast(null as DATE) as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0