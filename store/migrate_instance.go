package store

import (
	"maps"
	"slices"
	"strings"
)

// Version 3 partitions every table by instance.
//
// Why a column rather than a table namespace per instance: one schema and
// one migration history serve every instance, a new instance needs no DDL
// (a worker of a new instance never migrates a shared database under
// another's feet), and the column leads every primary key and index, so
// each instance's rows form one contiguous range of the same B-trees its
// queries already walk. The column has no default: a query that forgot
// the instance fails on NOT NULL instead of writing into 'default'.
//
// Rows written before instances existed become instance 'default', the
// instance of a store opened without WithInstance, so existing databases
// and callers go on unchanged.

// partitioned is one table as version 3 changes it.
type partitioned struct {
	table string
	// columns are the version 2 columns, copied as they are.
	columns string
	// definition is the SQLite column list of version 3, without the
	// instance column and the key; it restates version 2's.
	definition func(d dialect) string
	// key is the new primary key after instance; "" keeps the table's own
	// (conflicts: a serial id).
	key string
	// indexes are version 3's, replacing version 2's of the same names.
	indexes map[string]string
}

var partitionedTables = []partitioned{
	{
		table:   "links",
		columns: "object, salesforce_id, zendesk_id, hash, updated_at, baseline",
		definition: func(d dialect) string {
			return `object TEXT NOT NULL, salesforce_id TEXT NOT NULL, zendesk_id BIGINT NOT NULL, hash TEXT NOT NULL,
				updated_at ` + d.timestampType + ` NOT NULL, baseline TEXT NOT NULL DEFAULT ''`
		},
		key:     "object, salesforce_id",
		indexes: map[string]string{"links_zendesk": "object, zendesk_id"},
	},
	{
		table:   "checkpoints",
		columns: "name, at, updated_at",
		definition: func(d dialect) string {
			return `name TEXT NOT NULL, at ` + d.timestampType + ` NOT NULL, updated_at ` + d.timestampType + ` NOT NULL`
		},
		key: "name",
	},
	{
		table:   "email_claims",
		columns: "object, salesforce_id, email",
		definition: func(dialect) string {
			return `object TEXT NOT NULL, salesforce_id TEXT NOT NULL, email TEXT NOT NULL`
		},
		key:     "object, salesforce_id",
		indexes: map[string]string{"email_claims_email": "object, email"},
	},
	{
		table: "conflicts",
		columns: `id, run_id, pair, salesforce_id, zendesk_id, field, salesforce_value, zendesk_value,
			salesforce_modified, zendesk_modified, policy, winner, value, at`,
		definition: func(d dialect) string {
			return `id ` + d.serialKey + `, run_id TEXT NOT NULL, pair TEXT NOT NULL, salesforce_id TEXT NOT NULL,
				zendesk_id BIGINT NOT NULL, field TEXT NOT NULL, salesforce_value TEXT NOT NULL,
				zendesk_value TEXT NOT NULL, salesforce_modified ` + d.timestampType + ` NOT NULL,
				zendesk_modified ` + d.timestampType + ` NOT NULL, policy TEXT NOT NULL, winner TEXT NOT NULL,
				value TEXT NOT NULL, at ` + d.timestampType + ` NOT NULL`
		},
		indexes: map[string]string{
			"conflicts_run":  "run_id, id",
			"conflicts_pair": "pair, id",
			// The log of one instance, unfiltered, in order.
			"conflicts_instance": "id",
			"conflicts_once":     "UNIQUE run_id, pair, salesforce_id, field",
		},
	},
	{
		table:   "cursors",
		columns: "name, value, updated_at",
		definition: func(d dialect) string {
			return `name TEXT NOT NULL, value TEXT NOT NULL, updated_at ` + d.timestampType + ` NOT NULL`
		},
		key: "name",
	},
	{
		table:   "staged",
		columns: "run, pair, kind, key, data",
		definition: func(d dialect) string {
			return `run TEXT NOT NULL, pair TEXT NOT NULL, kind TEXT NOT NULL, key TEXT ` + d.bytewise + ` NOT NULL,
				data ` + d.blobType + ` NOT NULL`
		},
		key: "run, pair, kind, key",
	},
}

// partitionByInstance is migration 3: SQLite cannot change a primary key,
// so it rebuilds each table and copies the rows; PostgreSQL alters them in
// place. Both run inside the migration's transaction.
func partitionByInstance(d dialect) []string {
	var out []string
	for _, p := range partitionedTables {
		if d.numbered {
			out = append(out, p.alter()...)
		} else {
			out = append(out, p.rebuild(d)...)
		}
		for _, name := range slices.Sorted(maps.Keys(p.indexes)) {
			out = append(out, p.createIndex(name))
		}
	}
	return out
}

func (p partitioned) rebuild(d dialect) []string {
	tmp := p.table + "_v3"
	def := `instance TEXT NOT NULL, ` + p.definition(d)
	if p.key != "" {
		def += `, PRIMARY KEY (instance, ` + p.key + `)`
	}
	return []string{
		`CREATE TABLE ` + tmp + ` (` + def + `)`,
		`INSERT INTO ` + tmp + ` (instance, ` + p.columns + `) SELECT '` + DefaultInstance + `', ` + p.columns + ` FROM ` + p.table,
		// Dropping the table drops its indexes; they are made again below.
		`DROP TABLE ` + p.table,
		`ALTER TABLE ` + tmp + ` RENAME TO ` + p.table,
	}
}

func (p partitioned) alter() []string {
	out := []string{
		// A constant default fills the existing rows without rewriting the
		// table; it is dropped at once, for the reason given above.
		`ALTER TABLE ` + p.table + ` ADD COLUMN instance TEXT NOT NULL DEFAULT '` + DefaultInstance + `'`,
		`ALTER TABLE ` + p.table + ` ALTER COLUMN instance DROP DEFAULT`,
	}
	if p.key != "" {
		out = append(out,
			`ALTER TABLE `+p.table+` DROP CONSTRAINT `+p.table+`_pkey`,
			`ALTER TABLE `+p.table+` ADD PRIMARY KEY (instance, `+p.key+`)`)
	}
	for _, name := range slices.Sorted(maps.Keys(p.indexes)) {
		out = append(out, `DROP INDEX IF EXISTS `+name)
	}
	return out
}

func (p partitioned) createIndex(name string) string {
	cols, unique := strings.CutPrefix(p.indexes[name], "UNIQUE ")
	kind := "INDEX"
	if unique {
		kind = "UNIQUE INDEX"
	}
	return `CREATE ` + kind + ` ` + name + ` ON ` + p.table + ` (instance, ` + cols + `)`
}
