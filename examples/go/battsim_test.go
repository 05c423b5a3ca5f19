// An evcc-style Go test against battsim, standard library only: start `battsim sessy --port 0 --speed manual
// --ready-json` as a subprocess, read its start line, drive the dongle's API and the simulated clock.
//
// Run: go test ./... It runs the battsim your project installed (node_modules/.bin/battsim, from the working
// directory up), else battsim on PATH, or BATTSIM_COMMAND as a JSON list, e.g. ["npx","--no-install","battsim"]
// (half a second slower to start; battsim started through npm stops by itself once npm has gone).
// battsim's own `npm test` runs this file with the machine's Go, from a project that installed the packed tarball
// (test/package/runtime-install.test.ts).
package battsim_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

type readyLine struct {
	URL         string `json:"url"`
	ControlURL  string `json:"controlUrl"`
	Credentials *struct {
		User     string `json:"user"`
		Password string `json:"password"`
	} `json:"credentials"`
}

// battsimCommand is BATTSIM_COMMAND if set; else the battsim of the nearest node_modules/.bin from the working
// directory up (a project that installed it with npm); else battsim on PATH.
func battsimCommand(t *testing.T) []string {
	if env := os.Getenv("BATTSIM_COMMAND"); env != "" {
		var command []string
		if err := json.Unmarshal([]byte(env), &command); err != nil || len(command) == 0 {
			t.Fatalf("BATTSIM_COMMAND must be a JSON list of at least one string: %v", err)
		}
		return command
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			installed := filepath.Join(dir, "node_modules", ".bin", "battsim")
			if info, err := os.Stat(installed); err == nil && !info.IsDir() {
				return []string{installed}
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return []string{"battsim"}
}

// startSessy starts an emulator on a free port and stops it (SIGTERM) when the test ends.
func startSessy(t *testing.T) readyLine {
	t.Helper()
	command := battsimCommand(t)
	args := append(command[1:], "sessy", "--port", "0", "--speed", "manual", "--seed", "42", "--ready-json")
	cmd := exec.Command(command[0], args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	if err != nil {
		t.Fatalf("battsim printed no start line: %v", err)
	}
	var ready readyLine
	if err := json.Unmarshal(line, &ready); err != nil {
		t.Fatalf("bad start line %q: %v", line, err)
	}
	return ready
}

func post(t *testing.T, ready readyLine, url string, body any) int {
	t.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	if ready.Credentials != nil {
		req.SetBasicAuth(ready.Credentials.User, ready.Credentials.Password)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode
}

func TestChargesAtTheSetpointAsTheClockAdvances(t *testing.T) {
	sessy := startSessy(t)
	steps := []struct {
		url  string
		body map[string]any
	}{
		{sessy.ControlURL + "/state", map[string]any{"soc": 0.3}},
		{sessy.URL + "/api/v1/power/active_strategy", map[string]any{"strategy": "POWER_STRATEGY_API"}},
		{sessy.URL + "/api/v1/power/setpoint", map[string]any{"setpoint": -1500}}, // - = charge
		{sessy.ControlURL + "/clock/advance", map[string]any{"seconds": 120}},     // two simulated minutes, at once
	}
	for _, step := range steps {
		if code := post(t, sessy, step.url, step.body); code != http.StatusOK {
			t.Fatalf("POST %s: %d", step.url, code)
		}
	}

	res, err := http.Get(sessy.URL + "/api/v1/power/status")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var status struct {
		Sessy struct {
			Power         float64 `json:"power"`
			StateOfCharge float64 `json:"state_of_charge"`
		} `json:"sessy"`
	}
	if err := json.NewDecoder(res.Body).Decode(&status); err != nil {
		t.Fatal(err)
	}
	if status.Sessy.Power > -1480 || status.Sessy.Power < -1520 {
		t.Errorf("power %v W, want about -1500", status.Sessy.Power)
	}
	if status.Sessy.StateOfCharge <= 0.3 {
		t.Errorf("SOC %v, want above 0.3", status.Sessy.StateOfCharge)
	}
}
