package zendesk

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const (
	maxPageSize = 100
	// maxOffsetDepth is how deep offset pagination may go before Zendesk
	// insists on cursor pagination.
	maxOffsetDepth = 10000
)

// pager is a list request's pagination: cursor style when page[size] is
// present, offset style otherwise.
type pager struct {
	cursor  bool
	size    int
	after   int64
	before  int64
	page    int
	perPage int
}

func parsePager(q url.Values) (pager, *apiError) {
	if q.Has("page[size]") || q.Has("page[after]") || q.Has("page[before]") {
		p := pager{cursor: true, size: maxPageSize}
		if raw := q.Get("page[size]"); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 1 {
				return p, errBadRequest("InvalidPaginationParameter", "page[size] must be a positive integer")
			}
			if n > maxPageSize {
				return p, errBadRequest("InvalidPaginationParameter", "page[size] is greater than the maximum allowed of 100")
			}
			p.size = n
		}
		var e *apiError
		if p.after, e = decodeListCursor(q.Get("page[after]")); e != nil {
			return p, e
		}
		if p.before, e = decodeListCursor(q.Get("page[before]")); e != nil {
			return p, e
		}
		return p, nil
	}
	p := pager{page: 1, perPage: maxPageSize}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		p.page = n
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 {
		p.perPage = min(n, maxPageSize)
	}
	if p.page*p.perPage > maxOffsetDepth {
		return p, &apiError{http.StatusBadRequest, map[string]any{"errors": []map[string]string{{
			"code":   "InvalidPaginationDepth",
			"title":  "Invalid pagination depth",
			"detail": "Offset pagination is limited to the first 10000 records. Use cursor pagination (page[size]) to go further.",
		}}}}
	}
	return p, nil
}

func encodeListCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + strconv.FormatInt(id, 10)))
}

func decodeListCursor(s string) (int64, *apiError) {
	if s == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if v, ok := strings.CutPrefix(string(raw), "id:"); ok {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				return id, nil
			}
		}
	}
	return 0, errBadRequest("InvalidPaginationParameter", "invalid cursor")
}

// window picks the page out of ids, which are ascending.
func (p pager) window(ids []int64) (lo, hi int) {
	n := len(ids)
	if !p.cursor {
		lo = min((p.page-1)*p.perPage, n)
		return lo, min(lo+p.perPage, n)
	}
	if p.before != 0 {
		hi, _ = slices.BinarySearch(ids, p.before)
		return max(hi-p.size, 0), hi
	}
	if p.after != 0 {
		lo, _ = slices.BinarySearch(ids, p.after+1)
	}
	return lo, min(lo+p.size, n)
}

// decorate adds the pagination fields for the page ids[lo:hi] to resp.
func (p pager) decorate(resp map[string]any, c *call, ids []int64, lo, hi int) {
	if !p.cursor {
		resp["count"] = len(ids)
		resp["next_page"], resp["previous_page"] = nil, nil
		if hi < len(ids) {
			resp["next_page"] = withQuery(c, map[string]string{"page": strconv.Itoa(p.page + 1), "per_page": strconv.Itoa(p.perPage)})
		}
		if p.page > 1 {
			resp["previous_page"] = withQuery(c, map[string]string{"page": strconv.Itoa(p.page - 1), "per_page": strconv.Itoa(p.perPage)})
		}
		return
	}
	meta := map[string]any{"has_more": false, "after_cursor": nil, "before_cursor": nil}
	links := map[string]any{"next": nil, "prev": nil}
	if hi > lo {
		after, before := encodeListCursor(ids[hi-1]), encodeListCursor(ids[lo])
		meta["after_cursor"], meta["before_cursor"] = after, before
		size := strconv.Itoa(p.size)
		drop := []string{"page[after]", "page[before]"}
		if hi < len(ids) {
			links["next"] = withQuery(c, map[string]string{"page[size]": size, "page[after]": after}, drop...)
		}
		if lo > 0 {
			links["prev"] = withQuery(c, map[string]string{"page[size]": size, "page[before]": before}, drop...)
		}
	}
	if p.before != 0 {
		meta["has_more"] = lo > 0
	} else {
		meta["has_more"] = hi < len(ids)
	}
	resp["meta"], resp["links"] = meta, links
}
