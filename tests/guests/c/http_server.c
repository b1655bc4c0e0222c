#define _GNU_SOURCE
/* http_server: a small HTTP/1.1 server (GET and HEAD, keep-alive, Content-Length) serving files
 * from the preopened directory /www.
 *   http_server IP PORT REQUESTS        listen itself (prints "listening PORT")
 *   http_server --fd FD REQUESTS        use a preopened listening socket
 * Serves REQUESTS requests in total (0 = forever), one connection at a time, then exits 0. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sock_ext.h"

static char request[8192];
static uint8_t chunk[65536];

static int respond(int32_t fd, int status, const char *reason, long long length, int keep_alive) {
    char header[256];
    int n = snprintf(header, sizeof header,
                     "HTTP/1.1 %d %s\r\nContent-Length: %lld\r\nContent-Type: application/octet-stream\r\nConnection: %s\r\n\r\n",
                     status, reason, length, keep_alive ? "keep-alive" : "close");
    return send_all(fd, (const uint8_t *)header, (size_t)n);
}

/* Handles one connection; returns the number of requests served. */
static long serve(int32_t client, long budget) {
    size_t used = 0;
    long served = 0;
    for (;;) {
        char *end;
        while ((end = memmem(request, used, "\r\n\r\n", 4)) == NULL) {
            if (used == sizeof request) return served;
            __wasi_iovec_t iov = {(uint8_t *)request + used, sizeof request - used};
            __wasi_size_t n = 0;
            __wasi_roflags_t flags;
            if (__wasi_sock_recv(client, &iov, 1, 0, &n, &flags) != 0 || n == 0) return served;
            used += n;
        }
        size_t header_length = (size_t)(end - request) + 4;
        char method[8], path[1024], version[16];
        *end = 0;
        int keep_alive = strstr(request, "Connection: close") == NULL;
        if (sscanf(request, "%7s %1023s %15s", method, path, version) != 3 || path[0] != '/' || strstr(path, "..") != NULL) {
            respond(client, 400, "Bad Request", 0, 0);
            return served + 1;
        }
        int head = strcmp(method, "HEAD") == 0;
        char full[1100];
        snprintf(full, sizeof full, "/www%s", path);
        int file = (strcmp(method, "GET") == 0 || head) ? open(full, O_RDONLY) : -1;
        struct stat st;
        if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
            if (file >= 0) close(file);
            if (respond(client, 404, "Not Found", 0, keep_alive) != 0) return served;
        } else {
            if (respond(client, 200, "OK", (long long)st.st_size, keep_alive) != 0) { close(file); return served; }
            if (!head) {
                ssize_t n;
                while ((n = read(file, chunk, sizeof chunk)) > 0) {
                    if (send_all(client, chunk, (size_t)n) != 0) { close(file); return served; }
                }
            }
            close(file);
        }
        served++;
        memmove(request, request + header_length, used - header_length);
        used -= header_length;
        if (!keep_alive || (budget != 0 && served >= budget)) return served;
    }
}

int main(int argc, char **argv) {
    int32_t listener;
    long requests;
    if (argc == 4 && strcmp(argv[1], "--fd") == 0) {
        listener = atoi(argv[2]);
        requests = atol(argv[3]);
    } else if (argc == 4) {
        listener = listen_on(argv[1], atoi(argv[2]), 128);
        requests = atol(argv[3]);
    } else {
        printf("usage: http_server IP PORT REQUESTS | --fd FD REQUESTS\n");
        return 2;
    }

    long served = 0;
    while (requests == 0 || served < requests) {
        __wasi_fd_t client;
        __wasi_errno_t e = __wasi_sock_accept(listener, 0, &client);
        if (e != 0) { printf("sock_accept: errno %d\n", e); return 1; }
        served += serve(client, requests == 0 ? 0 : requests - served);
        __wasi_sock_shutdown(client, __WASI_SDFLAGS_WR);
        __wasi_fd_close(client);
    }
    printf("served %ld\n", served);
    return 0;
}
