package salesforce

import (
	"sync"
	"time"

	"github.com/crmsync/crmsync/sandbox/sfid"
)

// Query cursors, as a real org keeps them: at most maxCursors open per
// user (opening another drops the oldest), each dropped after cursorIdle
// without use.
const (
	maxCursors = 10
	cursorIdle = 15 * time.Minute
)

// cursor is a query's snapshot awaiting its next pages.
type cursor struct {
	id       string
	proj     *projNode
	rows     []snapRow
	batch    int
	lastUsed time.Time
}

type cursors struct {
	mu   sync.Mutex
	byID map[string]*cursor
	open []string // oldest first
	seq  uint64
}

func newCursors() *cursors { return &cursors{byID: map[string]*cursor{}} }

func (c *cursors) add(cur *cursor, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	c.seq++
	cur.id = sfid.New("01g", c.seq)
	cur.lastUsed = now
	c.byID[cur.id] = cur
	c.open = append(c.open, cur.id)
	for len(c.open) > maxCursors {
		delete(c.byID, c.open[0])
		c.open = c.open[1:]
	}
}

func (c *cursors) get(id string, now time.Time) *cursor {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire(now)
	cur := c.byID[id]
	if cur != nil {
		cur.lastUsed = now
	}
	return cur
}

func (c *cursors) expire(now time.Time) {
	kept := c.open[:0]
	for _, id := range c.open {
		if cur := c.byID[id]; now.Sub(cur.lastUsed) >= cursorIdle {
			delete(c.byID, id)
			continue
		}
		kept = append(kept, id)
	}
	c.open = kept
}

func (c *cursors) clear() {
	c.mu.Lock()
	c.byID = map[string]*cursor{}
	c.open = nil
	c.mu.Unlock()
}
