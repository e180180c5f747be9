-- Backtests read stored evaluations a page at a time in (as_of, id) order, each page resuming after the last row
-- of the one before (keyset). This index serves that order and every as_of range the old one served.
create index evaluation_as_of_id on evaluation (as_of, id);
drop index evaluation_as_of;
