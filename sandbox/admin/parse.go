package admin

import (
	"errors"
	"strconv"
)

func positiveInt(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("want a whole number")
	}
	if n <= 0 {
		return 0, errors.New("want a number above 0")
	}
	return n, nil
}
