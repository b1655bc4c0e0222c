/* sock_echo_client: resolves HOST and PORT with sock_getaddrinfo, connects, and checks ROUNDS
 * round trips of varying sizes through an echo server.
 *   sock_echo_client HOST PORT ROUNDS
 * Prints "ok ROUNDS" and exits 0; "connect: errno N" and exits 3 when the connection is refused or
 * denied; other failures exit 1 (2 for usage or resolution). */
#include "sock_ext.h"

static int recv_exact(int32_t fd, uint8_t *buf, size_t len) {
    while (len > 0) {
        __wasi_iovec_t iov = {buf, len};
        __wasi_size_t n = 0;
        __wasi_roflags_t flags;
        __wasi_errno_t e = __wasi_sock_recv(fd, &iov, 1, 0, &n, &flags);
        if (e != 0) return e;
        if (n == 0) return -1;
        buf += n;
        len -= n;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { printf("usage: sock_echo_client HOST PORT ROUNDS\n"); return 2; }
    long rounds = atol(argv[3]);

    /* getaddrinfo: the guest preallocates the result list (WasmEdge ABI). */
    wasi_addrinfo_t hints = {0}, results[4], *head = results;
    wasi_sockaddr_t addrs[4];
    uint8_t data[4][26];
    char canon[4][64];
    for (int i = 0; i < 4; i++) {
        memset(&results[i], 0, sizeof results[i]);
        addrs[i].sa_data = data[i];
        addrs[i].sa_data_len = sizeof data[i];
        results[i].ai_addr = &addrs[i];
        results[i].ai_canonname = canon[i];
        results[i].ai_canonnamelen = sizeof canon[i];
        results[i].ai_next = i < 3 ? &results[i + 1] : NULL;
    }
    hints.ai_family = AF_INET4_WE;
    hints.ai_socktype = SOCK_STREAM_WE;
    uint32_t count = 0;
    int32_t e = we_sock_getaddrinfo(argv[1], strlen(argv[1]), argv[2], strlen(argv[2]), &hints, &head, 4, &count);
    if (e != 0 || count == 0) { printf("getaddrinfo: errno %d count %u\n", e, (unsigned)count); return 2; }
    const uint8_t *sa = head->ai_addr->sa_data;
    int port = (sa[0] << 8) | sa[1];
    uint8_t storage[128];
    wasi_address_t addr;
    v2_inet4(storage, sa + 2, &addr);

    int32_t fd;
    if ((e = we_sock_open(AF_INET4_WE, SOCK_STREAM_WE, &fd)) != 0) { printf("sock_open: errno %d\n", e); return 1; }
    if ((e = we_sock_connect(fd, &addr, port)) != 0) { printf("connect: errno %d\n", e); return 3; }

    static uint8_t out[8192], in[8192];
    for (long r = 0; r < rounds; r++) {
        size_t len = 1 + (size_t)((r * 7919) % sizeof out);
        for (size_t i = 0; i < len; i++) out[i] = (uint8_t)(r * 31 + i * 7);
        if ((e = send_all(fd, out, len)) != 0) { printf("send: errno %d\n", e); return 1; }
        if ((e = recv_exact(fd, in, len)) != 0) { printf("recv: %d\n", e); return 1; }
        if (memcmp(in, out, len) != 0) { printf("mismatch in round %ld\n", r); return 1; }
    }
    __wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR);
    __wasi_fd_close(fd);
    printf("ok %ld\n", rounds);
    return 0;
}
