package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// figures is what one chaos run measured.
type figures struct {
	verdict        tally
	done           disruptions
	faultsInjected int64
	rateLimited    int64
	requests       int64
	userWrites     int64 // users the Zendesk sandbox wrote, resubmissions included
	runs           int
	syncTime       time.Duration
	elapsed        time.Duration
}

// line is the one line of figures a run ends with.
func (f *figures) line() string {
	v := f.verdict
	return fmt.Sprintf("chaos: contacts=%d deleted=%d written=%d rejected=%d rejected_other=%d "+
		"lost=%d duplicated=%d wrong=%d unreported_invalid=%d tickets=%d tickets_lost=%d tickets_duplicated=%d "+
		"comments=%d comments_lost=%d comments_duplicated=%d "+
		"worker_kills=%d worker_exits=%d server_restarts=%d storms=%d faults_injected=%d rate_limited=%d "+
		"requests=%d zendesk_user_writes=%d runs=%d sync=%s elapsed=%s",
		v.Contacts, v.Deleted, v.Written, v.Rejected, v.RejectedOther,
		v.Lost, v.Duplicated, v.Wrong, v.UnreportedInvalid, v.Tickets, v.TicketsLost, v.TicketsDuplicated,
		v.Comments, v.CommentsLost, v.CommentsDuplicated,
		f.done.Kills, f.done.WorkerExits, f.done.ServerRestarts, f.done.Storms, f.faultsInjected, f.rateLimited,
		f.requests, f.userWrites, f.runs, f.syncTime.Round(time.Second), f.elapsed.Round(time.Second))
}

// reasons lists the causes of rejections other than a bad or shared
// email, most frequent first.
func (f *figures) reasons() string {
	type kv struct {
		k string
		n int
	}
	var all []kv
	for k, n := range f.verdict.OtherReasons {
		all = append(all, kv{k, n})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n || (all[i].n == all[j].n && all[i].k < all[j].k) })
	parts := make([]string, 0, len(all))
	for _, e := range all {
		parts = append(parts, fmt.Sprintf("%q=%d", e.k, e.n))
	}
	return strings.Join(parts, " ")
}
