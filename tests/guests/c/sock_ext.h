/* The WasmEdge socket extension (version 2) as imported by the socket test guests.
 * Every parameter is i32 and every function returns a WASI errno. An address is
 * {u8 *buf, u32 buf_len}; version 2 buffers are 128 bytes: u16 family (1 = inet4, 2 = inet6),
 * then the address bytes. Helpers below keep the guests short. */
#ifndef GUEST_SOCK_EXT_H
#define GUEST_SOCK_EXT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define SOCK_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

typedef struct { uint8_t *buf; uint32_t buf_len; } wasi_address_t;

typedef struct wasi_sockaddr {
    uint8_t family;
    uint32_t sa_data_len;
    uint8_t *sa_data;
} wasi_sockaddr_t;

typedef struct wasi_addrinfo {
    uint16_t ai_flags;
    uint8_t ai_family;
    uint8_t ai_socktype;
    uint32_t ai_protocol;
    uint32_t ai_addrlen;
    wasi_sockaddr_t *ai_addr;
    char *ai_canonname;
    uint32_t ai_canonnamelen;
    struct wasi_addrinfo *ai_next;
} wasi_addrinfo_t;

_Static_assert(sizeof(wasi_addrinfo_t) == 28, "addrinfo layout");
_Static_assert(sizeof(wasi_sockaddr_t) == 12, "sockaddr layout");

#define AF_INET4_WE 1
#define AF_INET6_WE 2
#define SOCK_DGRAM_WE 1
#define SOCK_STREAM_WE 2

SOCK_IMPORT(sock_open) int32_t we_sock_open(int32_t af, int32_t socktype, int32_t *fd);
SOCK_IMPORT(sock_bind) int32_t we_sock_bind(int32_t fd, wasi_address_t *addr, int32_t port);
SOCK_IMPORT(sock_connect) int32_t we_sock_connect(int32_t fd, wasi_address_t *addr, int32_t port);
SOCK_IMPORT(sock_listen) int32_t we_sock_listen(int32_t fd, int32_t backlog);
SOCK_IMPORT(sock_getlocaladdr) int32_t we_sock_getlocaladdr(int32_t fd, wasi_address_t *addr, uint32_t *port);
SOCK_IMPORT(sock_getpeeraddr) int32_t we_sock_getpeeraddr(int32_t fd, wasi_address_t *addr, uint32_t *port);
SOCK_IMPORT(sock_getaddrinfo) int32_t we_sock_getaddrinfo(const char *node, uint32_t node_len, const char *service,
                                                          uint32_t service_len, const wasi_addrinfo_t *hints,
                                                          wasi_addrinfo_t **res, uint32_t max_res, uint32_t *res_len);
SOCK_IMPORT(sock_setsockopt) int32_t we_sock_setsockopt(int32_t fd, int32_t level, int32_t name, const void *value, uint32_t len);
SOCK_IMPORT(sock_getsockopt) int32_t we_sock_getsockopt(int32_t fd, int32_t level, int32_t name, void *value, uint32_t *len);

/* Parses a dotted IPv4 address into 4 bytes; 0 on success. */
static __attribute__((unused)) int parse_ipv4(const char *text, uint8_t out[4]) {
    unsigned a, b, c, d;
    char tail;
    if (sscanf(text, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 || c > 255 || d > 255) return -1;
    out[0] = (uint8_t)a; out[1] = (uint8_t)b; out[2] = (uint8_t)c; out[3] = (uint8_t)d;
    return 0;
}

/* A version 2 address buffer holding an IPv4 address. */
static __attribute__((unused)) void v2_inet4(uint8_t storage[128], const uint8_t ip[4], wasi_address_t *addr) {
    memset(storage, 0, 128);
    storage[0] = AF_INET4_WE;
    memcpy(storage + 2, ip, 4);
    addr->buf = storage;
    addr->buf_len = 128;
}

/* Opens a TCP socket listening on ip:port; prints "listening PORT" (the actual port). Exits 2 on error. */
static __attribute__((unused)) int32_t listen_on(const char *ip_text, int port, int backlog) {
    uint8_t ip[4], storage[128];
    wasi_address_t addr;
    int32_t fd;
    uint32_t actual = 0;
    int32_t e;
    if (parse_ipv4(ip_text, ip) != 0) { printf("bad address %s\n", ip_text); exit(2); }
    v2_inet4(storage, ip, &addr);
    if ((e = we_sock_open(AF_INET4_WE, SOCK_STREAM_WE, &fd)) != 0) { printf("sock_open: errno %d\n", e); exit(2); }
    int32_t one = 1;
    we_sock_setsockopt(fd, 0, 0 /* SO_REUSEADDR */, &one, sizeof one);
    if ((e = we_sock_bind(fd, &addr, port)) != 0) { printf("sock_bind: errno %d\n", e); exit(2); }
    if ((e = we_sock_listen(fd, backlog)) != 0) { printf("sock_listen: errno %d\n", e); exit(2); }
    if ((e = we_sock_getlocaladdr(fd, &addr, &actual)) != 0) { printf("sock_getlocaladdr: errno %d\n", e); exit(2); }
    printf("listening %u\n", (unsigned)actual);
    fflush(stdout);
    return fd;
}

/* Sends all of buf; 0 on success, the errno otherwise. */
static __attribute__((unused)) int send_all(int32_t fd, const uint8_t *buf, size_t len) {
    while (len > 0) {
        __wasi_ciovec_t iov = {buf, len};
        __wasi_size_t n = 0;
        __wasi_errno_t e = __wasi_sock_send(fd, &iov, 1, 0, &n);
        if (e != 0) return e;
        buf += n;
        len -= n;
    }
    return 0;
}

#endif
