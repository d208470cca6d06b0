-- Written by hand: the shorter forms news uses for the names of companies written before
-- ("Foshan Haitian" for "Foshan Haitian Flavouring & Food"), in the name index, so that new
-- articles using them link those companies. They have no near key: company(name:) does not use them.
INSERT OR IGNORE INTO `company_names` (`company_id`, `name`, `key`, `near_key`)
SELECT n.`company_id`, f.`value`, name_key(f.`value`), ''
FROM `company_names` n, json_each(short_forms(n.`name`)) f
WHERE n.`near_key` <> '' AND name_key(f.`value`) <> '';
