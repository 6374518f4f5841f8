package zendesk

import (
	"html"
	"regexp"
	"strings"
)

var (
	htmlBreak = regexp.MustCompile(`(?i)<br\s*/?>|</p\s*>|</div\s*>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
	blankRun  = regexp.MustCompile(`\n{3,}`)
)

// htmlText is the text of a comment given as html_body, which Zendesk
// shows as its body and plain_body: tags gone, entities decoded, block
// ends as line breaks.
func htmlText(s string) string {
	s = htmlBreak.ReplaceAllString(s, "\n")
	s = html.UnescapeString(htmlTag.ReplaceAllString(s, ""))
	return strings.TrimSpace(blankRun.ReplaceAllString(s, "\n\n"))
}
