#!/bin/sh
# Temporal's schema, as the official compose setup applies it.
set -eu
nc -z -w 10 postgresql 5432
for db in temporal temporal_visibility; do
	schema=temporal
	[ "$db" = temporal_visibility ] && schema=visibility
	temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$db" create || true
	temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$db" setup-schema -v 0.0 || true
	temporal-sql-tool --plugin postgres12 --ep postgresql -u temporal -p 5432 --db "$db" \
		update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
