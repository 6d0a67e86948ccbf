-- A demo catalog of 1,000 products so the system is useful at once and load tests have data (docs/design.md section 11).
-- Deterministic: SKU-0001..SKU-1000, ids md5('demo-product-<n>')::uuid, prices 4.99..249.99 EUR,
-- stock 100..1000. Product n is the same on every install.
INSERT INTO products (id, sku, name, description, price_cents, currency, available_stock)
SELECT md5('demo-product-' || n)::uuid,
       'SKU-' || lpad(n::text, 4, '0'),
       adjective || ' ' || noun,
       'A ' || lower(adjective) || ' ' || lower(noun) || ' from the demo catalog, item ' || n || '.',
       499 + (n * 7919) % 24501,
       'EUR',
       100 + (n * 104729) % 901
FROM generate_series(1, 1000) AS n,
     LATERAL (SELECT (ARRAY['Classic', 'Organic', 'Compact', 'Deluxe', 'Vintage', 'Wireless', 'Handmade',
                            'Travel', 'Ergonomic', 'Recycled'])[1 + n % 10] AS adjective,
                     (ARRAY['Coffee Mug', 'Notebook', 'Backpack', 'Desk Lamp', 'Water Bottle', 'Headphones',
                            'T-Shirt', 'Sneakers', 'Teapot', 'Cutting Board', 'Yoga Mat', 'Umbrella',
                            'Wall Clock', 'Scarf', 'Phone Stand', 'Candle', 'Wallet', 'Sunglasses',
                            'Blanket', 'Plant Pot'])[1 + (n / 10) % 20] AS noun) AS words
ORDER BY n;
