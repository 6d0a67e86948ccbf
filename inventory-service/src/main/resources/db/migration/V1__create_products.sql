-- Products and their stock (ADR 0003). Money in integer minor units, like the API.
CREATE SEQUENCE products_seq AS bigint;

CREATE TABLE products (
    id              uuid          PRIMARY KEY,
    -- Catalog order and the key of cursor pagination; assigned by products_assign_seq(), never changed.
    seq             bigint        NOT NULL,
    sku             varchar(64)   NOT NULL,
    name            varchar(200)  NOT NULL,
    description     varchar(2000) NOT NULL DEFAULT '',
    price_cents     bigint        NOT NULL,
    currency        char(3)       NOT NULL,
    available_stock integer       NOT NULL,
    version         bigint        NOT NULL DEFAULT 0,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_available_stock_not_negative CHECK (available_stock >= 0),
    CONSTRAINT products_price_not_negative CHECK (price_cents >= 0),
    CONSTRAINT products_currency_is_iso_code CHECK (currency ~ '^[A-Z]{3}$')
);

-- The page query "WHERE seq > :cursor ORDER BY seq LIMIT :n" reads only this index (index-only scan).
CREATE UNIQUE INDEX products_seq_key ON products (seq) INCLUDE (id);

-- Numbers are taken one inserting transaction at a time, under a lock held until commit: a row with a higher
-- seq can only become visible after every row with a lower one. So a keyset walk never skips a product, not
-- even one inserted while the walk runs. Product inserts are rare (admin), the lock costs nothing.
CREATE FUNCTION products_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.seq IS DISTINCT FROM OLD.seq THEN
            RAISE EXCEPTION 'products.seq never changes (product %)', OLD.id;
        END IF;
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('inventory.products.seq'));
    NEW.seq := nextval('products_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER products_assign_seq BEFORE INSERT OR UPDATE OF seq ON products
    FOR EACH ROW EXECUTE FUNCTION products_assign_seq();
