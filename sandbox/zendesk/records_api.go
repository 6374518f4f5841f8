package zendesk

import (
	"net/http"
	"time"
)

// The handlers in this file serve the endpoints users, organizations and
// tickets share; the router binds them to a kind.

func (k *kind[R, J, I]) show(s *Server, c *call) *apiError {
	s.mu.RLock()
	r, ok := k.records(s.st)[c.id(1)]
	s.mu.RUnlock()
	if !ok {
		return errNotFound()
	}
	writeJSON(c.w, http.StatusOK, map[string]any{k.one: k.render(r, c.base)})
	return nil
}

func (k *kind[R, J, I]) list(s *Server, c *call) *apiError {
	p, e := parsePager(c.r.URL.Query())
	if e != nil {
		return e
	}
	return k.writePage(s, c, p, k.order)
}

// writePage answers with the page p of the ids pick chooses, in the order
// it gives; pick runs under the read lock.
func (k *kind[R, J, I]) writePage(s *Server, c *call, p pager, pick func(*store) []int64) *apiError {
	s.mu.RLock()
	ids := pick(s.st)
	lo, hi := p.window(ids)
	resp := map[string]any{k.many: k.renderIDs(s.st, c.base, ids[lo:hi])}
	p.decorate(resp, c, ids, lo, hi)
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, resp)
	return nil
}

// writeFound answers show_many and search: every record pick finds, on one
// page; pick runs under the read lock.
func (k *kind[R, J, I]) writeFound(s *Server, c *call, pick func(*store) []int64) *apiError {
	s.mu.RLock()
	found := k.renderIDs(s.st, c.base, pick(s.st))
	s.mu.RUnlock()
	writeJSON(c.w, http.StatusOK, map[string]any{k.many: found, "next_page": nil, "previous_page": nil, "count": len(found)})
	return nil
}

// showMany takes ?ids=, or ?external_ids= for a type that has them.
func (k *kind[R, J, I]) showMany(s *Server, c *call) *apiError {
	q := c.r.URL.Query()
	if q.Has("ids") {
		ids, e := idList(q, "ids")
		if e != nil {
			return e
		}
		return k.writeFound(s, c, func(*store) []int64 { return ids })
	}
	if !q.Has("external_ids") || k.byExt == nil {
		return errMissing("ids")
	}
	exts, e := stringList(q, "external_ids")
	if e != nil {
		return e
	}
	return k.writeFound(s, c, func(st *store) []int64 {
		var ids []int64
		for _, ext := range exts {
			if id, ok := k.byExt(st, ext); ok {
				ids = append(ids, id)
			}
		}
		return ids
	})
}

func (k *kind[R, J, I]) createOne(s *Server, c *call) *apiError {
	return k.writeOne(s, c, k.create)
}

func (k *kind[R, J, I]) upsertOne(s *Server, c *call) *apiError {
	return k.writeOne(s, c, k.upsert)
}

func (k *kind[R, J, I]) updateOne(s *Server, c *call) *apiError {
	id := c.id(1)
	return k.writeOne(s, c, func(st *store, in *I, now time.Time) outcome { return k.update(st, id, in, now) })
}

// writeOne runs one single-record write: 201 when it created the record,
// 200 otherwise.
func (k *kind[R, J, I]) writeOne(s *Server, c *call, write func(*store, *I, time.Time) outcome) *apiError {
	body, e := decodeEnvelope[I](c.r, k.one, "")
	if e != nil {
		return e
	}
	if body.one == nil {
		return errMissing(k.one)
	}
	s.mu.Lock()
	out := write(s.st, body.one, s.cfg.Now())
	resp := map[string]any{}
	if out.invalid.empty() && !out.notFound {
		rec := k.records(s.st)[out.id]
		resp[k.one] = k.render(rec, c.base)
		if k.attach != nil {
			k.attach(rec, out, resp)
		}
	}
	s.mu.Unlock()
	switch {
	case out.notFound:
		return errNotFound()
	case !out.invalid.empty():
		return errRecordInvalid(out.invalid)
	}
	s.stats.Write(k.many, 1)
	status := http.StatusOK
	if out.created {
		status = http.StatusCreated
	}
	writeJSON(c.w, status, resp)
	return nil
}

// deleteOne is DELETE {many}/{id} for a type whose delete answers 204
// with no body.
func (k *kind[R, J, I]) deleteOne(s *Server, c *call) *apiError {
	s.mu.Lock()
	out := k.remove(s.st, c.id(1), s.cfg.Now())
	s.mu.Unlock()
	if out.notFound {
		return errNotFound()
	}
	s.stats.Write(k.many, 1)
	c.w.WriteHeader(http.StatusNoContent)
	return nil
}

func (k *kind[R, J, I]) createMany(s *Server, c *call) *apiError {
	return k.writeMany(s, c, "bulk_create_"+k.many, k.create)
}

// writeMany queues a job that writes each record of a {"<many>":[...]}
// body in turn.
func (k *kind[R, J, I]) writeMany(s *Server, c *call, jobType string, write func(*store, *I, time.Time) outcome) *apiError {
	body, e := decodeEnvelope[I](c.r, "", k.many)
	if e != nil {
		return e
	}
	if body.many == nil {
		return errMissing(k.many)
	}
	inputs := *body.many
	if e := checkBulkSize(len(inputs), k.many); e != nil {
		return e
	}
	return s.enqueue(c, jobType, k.many, len(inputs), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(inputs))
		for i := range inputs {
			results[i] = k.result(st, i, write(st, &inputs[i], now))
		}
		return results
	})
}

// updateMany takes ?ids= (or ?external_ids= for a type that has them) with
// one {"<one>":{}} body, or {"<many>":[{"id"|"external_id",...}]}.
func (k *kind[R, J, I]) updateMany(s *Server, c *call) *apiError {
	targets, many, e := bulkTargets(c, k.byExt != nil)
	if e != nil {
		return e
	}
	body, e := decodeEnvelope[I](c.r, k.one, k.many)
	if e != nil {
		return e
	}
	var inputs []*I
	switch {
	case many && body.one == nil:
		return errMissing(k.one)
	case many:
		for range targets {
			inputs = append(inputs, body.one)
		}
	case body.many == nil:
		return errMissing(k.many)
	default:
		for i := range *body.many {
			in := &(*body.many)[i]
			key := k.keyOf(in)
			targets = append(targets, target{id: int64(key.ID.Value), ext: string(key.ExternalID.Value)})
			if !key.ID.Set {
				// Without an id the external id names the record; it is not a change.
				key.ExternalID = opt[flexString]{}
			}
			inputs = append(inputs, in)
		}
	}
	if e := checkBulkSize(len(targets), k.many); e != nil {
		return e
	}
	return s.enqueue(c, "bulk_update_"+k.many, k.many, len(targets), func(st *store, now time.Time) []jobResult {
		results := make([]jobResult, len(targets))
		for i, t := range targets {
			id, ok := k.resolve(st, t)
			if !ok {
				results[i] = notFoundResult(i)
				continue
			}
			results[i] = k.result(st, i, k.update(st, id, inputs[i], now))
		}
		return results
	})
}
