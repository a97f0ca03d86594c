-- The reporting periods (year, half-year, month) the marts are computed for.
select * from "staging"."main"."int_periods"