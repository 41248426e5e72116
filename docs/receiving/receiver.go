// A webhook receiver for Herald's deliveries with Herald's own headers, in Go's standard library.
//
//	go run receiver.go <secret> [port]
//
// Answers 204 to a delivery whose X-Herald-Signature and Standard Webhooks signature both
// verify and 401 to any other, and prints one line per request: "ok ..." or "rejected".
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func sign(key, content []byte) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write(content)
	return mac.Sum(nil)
}

// verifyHerald checks X-Herald-Signature: sha256=<hex>, two comma-separated during a rotation.
func verifyHerald(secret string, header string, body []byte) bool {
	expected := []byte("sha256=" + hex.EncodeToString(sign([]byte(secret), body)))
	for _, given := range strings.Split(header, ",") {
		if hmac.Equal(expected, []byte(given)) {
			return true
		}
	}
	return false
}

// verifyStandardWebhooks checks webhook-signature: v1,<base64 HMAC of "id.timestamp.body"> [v1,<...>].
func verifyStandardWebhooks(secret string, h http.Header, body []byte) bool {
	id, timestamp := h.Get("webhook-id"), h.Get("webhook-timestamp")
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || math.Abs(float64(time.Now().Unix()-seconds)) > 300 {
		return false
	}
	key := []byte(secret)
	if strings.HasPrefix(secret, "whsec_") {
		if key, err = base64.StdEncoding.DecodeString(secret[len("whsec_"):]); err != nil {
			return false
		}
	}
	signed := append([]byte(id+"."+timestamp+"."), body...)
	expected := []byte(base64.StdEncoding.EncodeToString(sign(key, signed)))
	for _, signature := range strings.Split(h.Get("webhook-signature"), " ") {
		if strings.HasPrefix(signature, "v1,") && hmac.Equal(expected, []byte(signature[3:])) {
			return true
		}
	}
	return false
}

func main() {
	secret, port := os.Args[1], "0"
	if len(os.Args) > 2 {
		port = os.Args[2]
	}
	listener, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		panic(err)
	}
	fmt.Printf("listening %d\n", listener.Addr().(*net.TCPAddr).Port)
	panic(http.Serve(listener, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err == nil && verifyHerald(secret, r.Header.Get("X-Herald-Signature"), body) &&
			verifyStandardWebhooks(secret, r.Header, body) {
			fmt.Printf("ok %s %s\n", r.Header.Get("X-Herald-Event"), r.Header.Get("X-Herald-Delivery"))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fmt.Println("rejected")
		w.WriteHeader(http.StatusUnauthorized)
	})))
}
