// bench/peers driver for Go's net/textproto (standard library only).
// Usage: textproto WORKLOAD INPUT OUTPUT REPS, WORKLOAD stuff | unstuff | replies.
//
//	stuff:   Writer.DotWriter over a bytes.Buffer, the whole body written at once, then Close
//	         (which adds the terminator)
//	unstuff: Reader.DotReader over a bufio.Reader on the input, read to EOF; DotReader turns
//	         each CR LF into LF, so run.sh compares its output with smtpcodes' with CR LF -> LF
//	         ("form=lf"); end = octets taken from the input when DotReader stopped
//	replies: Reader.ReadResponse(0) in a loop (it joins a multi-line reply's lines with "\n")
//
// Prints RESULT textproto WORKLOAD <bytes/s, median> <check fields>, as the C++ driver does.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

func die(err error) {
	fmt.Fprintln(os.Stderr, "textproto driver:", err)
	os.Exit(1)
}

func median(reps int, work func()) float64 {
	times := make([]float64, 0, reps)
	for i := 0; i < reps; i++ {
		start := time.Now()
		work()
		times = append(times, time.Since(start).Seconds())
	}
	sort.Float64s(times)
	return times[len(times)/2]
}

func main() {
	if len(os.Args) != 5 {
		die(fmt.Errorf("usage: textproto WORKLOAD INPUT OUTPUT REPS"))
	}
	workload, output := os.Args[1], os.Args[3]
	reps, _ := strconv.Atoi(os.Args[4])
	if reps < 1 {
		reps = 1
	}
	in, err := os.ReadFile(os.Args[2])
	if err != nil {
		die(err)
	}
	var out []byte
	extra := ""
	var seconds float64
	switch workload {
	case "stuff":
		seconds = median(reps, func() {
			var buf bytes.Buffer
			buf.Grow(len(in) + len(in)/16 + 16)
			w := textproto.NewWriter(bufio.NewWriterSize(&buf, 65536))
			dw := w.DotWriter()
			if _, err := dw.Write(in); err != nil {
				die(err)
			}
			if err := dw.Close(); err != nil { // writes the terminator and flushes
				die(err)
			}
			out = buf.Bytes()
		})
	case "unstuff":
		end := 0
		seconds = median(reps, func() {
			src := bytes.NewReader(in)
			br := bufio.NewReaderSize(src, 65536)
			r := textproto.NewReader(br)
			var buf bytes.Buffer
			buf.Grow(len(in))
			if _, err := io.Copy(&buf, r.DotReader()); err != nil {
				die(err)
			}
			out = buf.Bytes()
			end = len(in) - src.Len() - br.Buffered()
		})
		extra = fmt.Sprintf("end=%d form=lf", end)
	case "replies":
		var count, lines, sum uint64
		var hash uint32
		seconds = median(reps, func() {
			count, lines, sum, hash = 0, 0, 0, 0
			r := textproto.NewReader(bufio.NewReaderSize(bytes.NewReader(in), 65536))
			for {
				code, msg, err := r.ReadResponse(0)
				if err == io.EOF {
					break
				}
				if err != nil {
					die(err)
				}
				count++
				lines += uint64(strings.Count(msg, "\n") + 1)
				sum += uint64(code)
				hash = hash*31 + uint32(code)
			}
		})
		extra = fmt.Sprintf("replies=%d lines=%d sum=%d hash=%d", count, lines, sum, hash)
	default:
		die(fmt.Errorf("unknown workload %q", workload))
	}
	if out != nil {
		if err := os.WriteFile(output, out, 0o644); err != nil {
			die(err)
		}
	}
	fmt.Printf("RESULT textproto %s %.0f %s\n", workload, float64(len(in))/seconds, extra)
}
