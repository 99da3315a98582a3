-- No query looks tickets up by customer address or participants up by
-- address alone (a participant is found by ticket and address, the
-- primary key): each index cost a B-tree insert for every new ticket and
-- participant, and their pages on disk.
DROP INDEX tickets_customer;
DROP INDEX participants_address;
