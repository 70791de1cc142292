\timing on
DROP INDEX ix_listings_search_vector;
-- Each table's copies are offset by its highest id, whatever the generator's seed made.
SELECT max(id) AS p FROM producers \gset
SELECT max(id) AS m FROM memberships \gset
SELECT max(id) AS l FROM listings \gset
SELECT max(id) AS r FROM product_rights \gset
SELECT max(id) AS i FROM listing_images \gset
SELECT max(id) AS v FROM variants \gset
SELECT max(id) AS t FROM wholesale_tiers \gset
-- Each copy in id order, copy after copy: rows lie in the heap in id order, as a catalogue that grew over time has them
-- (a cross join interleaves the copies: the newest listings then lie on pages all over the table).
BEGIN;
CREATE TEMP TABLE k AS SELECT generate_series(1, 9) AS k;
INSERT INTO producers (id, slug, name, kind, village_id, story_vi, story_en, phone, ocop_stars, ocop_expires_on, export_ready, monthly_capacity, status, approved_at, approved_by_id, created_at, bank_name, bank_account_number, bank_account_name, ocop_certificate_number, ocop_issuer, certifications, certification_other, languages)
SELECT id + k*:p, slug || '-x' || k, name, kind, village_id, story_vi, story_en, phone, ocop_stars, ocop_expires_on, export_ready, monthly_capacity, status, approved_at, approved_by_id, created_at, bank_name, bank_account_number, bank_account_name, ocop_certificate_number, ocop_issuer, certifications, certification_other, languages FROM producers, k WHERE id <= :p ORDER BY k, id;
INSERT INTO memberships (id, trademark_id, producer_id, status, applied_at, updated_at)
SELECT id + k*:m, trademark_id, producer_id + k*:p, status, applied_at, updated_at FROM memberships, k WHERE id <= :m ORDER BY k, id;
INSERT INTO listings (id, producer_id, craft_id, title_vi, title_en, description_vi, description_en, price_vnd, stock, unit, materials, lead_time_days, moq, hs_code, status, search_text, created_at, updated_at, search_marked, search_terms, search_title, weight_grams, rating_count, rating_sum, pack_size, pack_unit)
SELECT id + k*:l, producer_id + k*:p, craft_id, title_vi, title_en, description_vi, description_en, price_vnd + k*1000, stock, unit, materials, lead_time_days, moq, hs_code, status, search_text, created_at - make_interval(mins => k*37), updated_at, search_marked, search_terms, search_title, weight_grams, rating_count, rating_sum, pack_size, pack_unit FROM listings, k WHERE id <= :l ORDER BY k, id;
INSERT INTO product_rights (id, trademark_id, listing_id, membership_id, code, status, granted_at, granted_by_id, ended_at)
SELECT id + k*:r, trademark_id, listing_id + k*:l, membership_id + k*:m, 'X' || lpad((id + k*:r)::text, 9, '0'), status, granted_at, granted_by_id, ended_at FROM product_rights, k WHERE id <= :r ORDER BY k, id;
INSERT INTO listing_images (id, listing_id, position, path, thumb_path, width, height)
SELECT id + k*:i, listing_id + k*:l, position, path, thumb_path, width, height FROM listing_images, k WHERE id <= :i ORDER BY k, id;
INSERT INTO variants (id, listing_id, name_vi, name_en, price_vnd, stock, retired_at)
SELECT id + k*:v, listing_id + k*:l, name_vi, name_en, price_vnd, stock, retired_at FROM variants, k WHERE id <= :v ORDER BY k, id;
INSERT INTO wholesale_tiers (id, listing_id, min_qty, unit_price_vnd)
SELECT id + k*:t, listing_id + k*:l, min_qty, unit_price_vnd FROM wholesale_tiers, k WHERE id <= :t ORDER BY k, id;
COMMIT;
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM producers)) FROM (VALUES ('producers')) v(t);
SELECT setval('memberships_id_seq', (SELECT max(id) FROM memberships)), setval('listings_id_seq', (SELECT max(id) FROM listings)),
       setval('product_rights_id_seq', (SELECT max(id) FROM product_rights)), setval('listing_images_id_seq', (SELECT max(id) FROM listing_images)),
       setval('variants_id_seq', (SELECT max(id) FROM variants)), setval('wholesale_tiers_id_seq', (SELECT max(id) FROM wholesale_tiers));
SET maintenance_work_mem = '512MB';
CREATE INDEX ix_listings_search_vector ON public.listings USING gin (search_vector);
VACUUM ANALYZE;
