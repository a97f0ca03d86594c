-- The reporting periods (year, half-year, month) the marts are computed for.
select * from {{ ref('int_periods') }}
