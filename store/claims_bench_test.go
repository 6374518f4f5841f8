package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkSaveEmailClaims is the index phase's store work for 100,000
// contacts: pages of 2,000 new claims, ids and emails in no order, as a
// keyset scan by modification time gives them.
func BenchmarkSaveEmailClaims(b *testing.B) {
	const pages, perPage = 50, 2000
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(1, 2))
			batches := make([][]EmailClaim, pages)
			for p := range batches {
				for range perPage {
					n := rng.Uint64()
					batches[p] = append(batches[p], EmailClaim{
						SalesforceID: fmt.Sprintf("003%015x", n&0xfffffffffffff),
						Email:        fmt.Sprintf("person.%x@example%d.com", n, n%97)})
				}
			}
			for b.Loop() {
				b.StopTimer()
				s := openStore(b, be.fresh(b))
				b.StartTimer()
				for _, batch := range batches {
					if err := s.SaveEmailClaims(ctx, "contacts", batch); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages*perPage), "ns/claim")
		})
	}
}
