#!/usr/bin/env python3
"""The container next to the CLI on the host, measured from one client in one run (issue 10's performance targets).

1. docker run -> GET /_fake/health answers status ok (target < 2 s), several runs;
2. requests per second of GET /v1/Services (Basic auth, keep-alive, N threads) through the container's published port and
   against `FakeServerless.Cli --port 0` on the host (target: container >= 70% of the host);
3. for the why, the same container on the host's network (`--network host`: no docker-proxy, bridge or NAT in the path).
Usage: bench/container.py [path to the published CLI, default artifacts/container/app/FakeServerless.Cli] (image fake-serverless:local).
"""
import base64, http.client, json, os, re, socket, subprocess, sys, threading, time

IMAGE = os.environ.get("FAKESERVERLESS_IMAGE", "fake-serverless:local")
# Extra `docker run` arguments, e.g. "--cpu-shares 262144": on cgroup v1 a container's group competes with each busy process of the
# host as one equal, so on a loaded machine it gets a small fraction of the CPU that the host CLI gets.
RUN_ARGS = os.environ.get("BENCH_DOCKER_RUN_ARGS", "").split()
CLI = sys.argv[1] if len(sys.argv) > 1 else "artifacts/container/app/FakeServerless.Cli"
AUTH = "Basic " + base64.b64encode(b"AC00000000000000000000000000000001:fake-auth-token").decode()
THREADS, SECONDS = 4, 5.0


def healthy(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/_fake/health")
        r = c.getresponse()
        return r.status == 200 and json.loads(r.read()).get("status") == "ok"
    except (OSError, ValueError):
        return False


def docker(*args):
    return subprocess.run(["docker", *args], check=True, capture_output=True, text=True).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_container(host_network=False):
    t0 = time.monotonic()
    if host_network:
        port = free_port()
        cid = docker("run", "-d", "--network", "host", *RUN_ARGS, IMAGE, "--host", "127.0.0.1", "--port", str(port))
    else:
        cid = docker("run", "-d", "-p", "127.0.0.1::4010", *RUN_ARGS, IMAGE)
        port = int(docker("port", cid, "4010/tcp").splitlines()[0].rsplit(":", 1)[1])
    while not healthy(port):
        time.sleep(0.01)
    return cid, port, time.monotonic() - t0


def throughput(port):
    counts = [0] * THREADS
    stop = time.monotonic() + SECONDS

    def worker(i):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            c.request("GET", "/v1/Services", headers={"Authorization": AUTH})
            r = c.getresponse()
            r.read()
            assert r.status == 200, r.status
            counts[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / SECONDS


def main():
    startups = []
    for _ in range(3):
        cid, port, seconds = start_container()
        startups.append(seconds)
        docker("rm", "-f", cid)
    print("docker run -> healthy: " + ", ".join(f"{s:.2f} s" for s in startups))

    cid, cport, _ = start_container()
    nid, nport, _ = start_container(host_network=True)
    host = subprocess.Popen([CLI, "--port", "0", "--seed", "1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        hport = int(re.search(r":(\d+)$", host.stdout.readline().strip()).group(1))
        while not healthy(hport):
            time.sleep(0.01)
        threading.Thread(target=lambda: [None for _ in host.stdout], daemon=True).start()  # drain the request log
        throughput(cport), throughput(nport), throughput(hport)  # warm all up
        container_rps, network_rps, host_rps = throughput(cport), throughput(nport), throughput(hport)
        print(f"GET /v1/Services, {THREADS} keep-alive clients, {SECONDS:.0f} s each: container {container_rps:.0f}/s, "
              f"host CLI {host_rps:.0f}/s, container/host {100 * container_rps / host_rps:.0f}%")
        print(f"  (why) the same image on the host's network (no docker-proxy, bridge or NAT in the path): {network_rps:.0f}/s, "
              f"{100 * network_rps / host_rps:.0f}% of the host CLI")
    finally:
        host.terminate()
        docker("rm", "-f", cid, nid)


if __name__ == "__main__":
    main()
