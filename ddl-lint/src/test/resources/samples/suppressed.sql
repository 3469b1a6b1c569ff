-- dbarch:ignore MIG-DDL-TBL-002 the table was emptied and archived in release 41
DROP TABLE legacy_orders;
CREATE INDEX orders_customer_idx ON orders (customer_id); -- dbarch:ignore MIG-DDL-IDX-001
