package store

import (
	"context"
	"testing"
)

// A page of the sync is 2,000 records of about 1 KB; putting it and reading
// it back must stay well under 100 ms on SQLite.
const benchRecords, benchRecordSize = 2000, 1024

func BenchmarkPutStaged(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			s := openStore(b, be.fresh(b))
			items := stagedPage(benchRecords, benchRecordSize)
			for b.Loop() {
				if err := s.PutStaged(ctx, "run-1", "contacts", "salesforce", items); err != nil {
					b.Fatal(err)
				}
				// Every put inserts fresh rows, as each page of a run does.
				b.StopTimer()
				if err := s.ClearStaged(ctx, "run-1", "contacts"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

func BenchmarkStaged(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			s := openStore(b, be.fresh(b))
			items := stagedPage(benchRecords, benchRecordSize)
			keys := make([]string, len(items))
			for i, it := range items {
				keys[i] = it.Key
			}
			if err := s.PutStaged(ctx, "run-1", "contacts", "salesforce", items); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				got, err := s.Staged(ctx, "run-1", "contacts", "salesforce", keys)
				if err != nil || len(got) != len(keys) {
					b.Fatalf("read %d of %d: %v", len(got), len(keys), err)
				}
			}
		})
	}
}

func BenchmarkStagedAfter(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			s := openStore(b, be.fresh(b))
			items := stagedPage(benchRecords, benchRecordSize)
			if err := s.PutStaged(ctx, "run-1", "contacts", "salesforce", items); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				got, err := s.StagedAfter(ctx, "run-1", "contacts", "salesforce", "", benchRecords)
				if err != nil || len(got) != benchRecords {
					b.Fatalf("listed %d of %d: %v", len(got), benchRecords, err)
				}
			}
		})
	}
}
