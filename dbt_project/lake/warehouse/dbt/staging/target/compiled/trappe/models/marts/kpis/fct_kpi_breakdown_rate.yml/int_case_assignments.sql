
-- Fixture for int_case_assignments
select cast(null as character varying(256)) as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "assignment_event_id", cast(null as BIGINT) as "assignment_seq", cast(null as DATE) as "valid_from", cast(null as DATE) as "effective_from", cast(null as DATE) as "valid_to", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
    limit 0