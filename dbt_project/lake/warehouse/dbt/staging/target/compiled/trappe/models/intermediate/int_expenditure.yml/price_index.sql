
-- Fixture for price_index
select 
    
    cast('2013' as INTEGER)
 as "year", 
    
    cast('98.6' as DOUBLE)
 as "net_price_index"
union all
select 
    
    cast('2015' as INTEGER)
 as "year", 
    
    cast('100.0' as DOUBLE)
 as "net_price_index"
union all
select 
    
    cast('2016' as INTEGER)
 as "year", 
    
    cast('100.3' as DOUBLE)
 as "net_price_index"