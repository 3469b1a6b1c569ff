-- A migration with an index built the blocking way and a foreign key validated at once.
CREATE INDEX orders_customer_idx ON orders (customer_id);

ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id);
