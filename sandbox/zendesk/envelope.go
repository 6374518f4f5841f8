package zendesk

import (
	"net/http"
	"reflect"
	"sync"
)

// envelope is a request body's records: one under the type's singular key
// ({"user":{...}}), or a list under its plural ({"users":[...]}). A nil
// field was absent or null.
type envelope[I any] struct {
	one  *I
	many *[]I
}

// decodeEnvelope reads the keys named (an empty name is not read) as
// encoding/json reads a struct tagged with them, so key matching and the
// field paths in type errors are what a hand-written body struct gives.
func decodeEnvelope[I any](r *http.Request, one, many string) (envelope[I], *apiError) {
	body := reflect.New(envelopeType(reflect.TypeFor[I](), one, many)).Elem()
	if e := decodeBody(r, body.Addr().Interface()); e != nil {
		return envelope[I]{}, e
	}
	var out envelope[I]
	if one != "" {
		out.one = body.FieldByName("One").Interface().(*I)
	}
	if many != "" {
		out.many = body.FieldByName("Many").Interface().(*[]I)
	}
	return out, nil
}

type envelopeKey struct {
	input     reflect.Type
	one, many string
}

// envelopeTypes caches the body struct types: building one per request
// costs more than the rest of a single-record write.
var envelopeTypes sync.Map // envelopeKey → reflect.Type

func envelopeType(input reflect.Type, one, many string) reflect.Type {
	k := envelopeKey{input, one, many}
	if t, ok := envelopeTypes.Load(k); ok {
		return t.(reflect.Type)
	}
	var fields []reflect.StructField
	if one != "" {
		fields = append(fields, reflect.StructField{Name: "One", Type: reflect.PointerTo(input), Tag: jsonTag(one)})
	}
	if many != "" {
		fields = append(fields, reflect.StructField{Name: "Many", Type: reflect.PointerTo(reflect.SliceOf(input)), Tag: jsonTag(many)})
	}
	t, _ := envelopeTypes.LoadOrStore(k, reflect.StructOf(fields))
	return t.(reflect.Type)
}

func jsonTag(name string) reflect.StructTag {
	return reflect.StructTag(`json:"` + name + `"`)
}
