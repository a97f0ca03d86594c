
    
    



select dbt_invocation_id
from "staging"."main"."audit_build"
where dbt_invocation_id is null


