/* http_server: a single-threaded HTTP/1.1 file server for many clients at once (GET and HEAD,
 * keep-alive, Content-Length). Every socket is non-blocking and the server sleeps in poll() until
 * one is readable or writable, so one slow client never holds up the others.
 *
 * The same source builds for WASI (examples/build-guests.sh) and natively (benchmarks/native/
 * build.sh, for the HTTP benchmark); only where the listening socket comes from differs:
 *   WASI:   http_server --fd FD ROOT [REQUESTS]     FD: a preopened listening socket
 *   native: http_server IP PORT ROOT [REQUESTS]     prints "listening PORT" (PORT 0: any free port)
 * ROOT is the directory served ("/www" preopened in WASI). REQUESTS > 0: exit 0 after serving
 * that many requests (default 0: serve forever). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#ifndef __wasi__
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#endif

#define MAX_CONNECTIONS 256
#define REQUEST_BUFFER 8192
#define OUTPUT_BUFFER 65536

typedef struct {
    int fd;
    size_t used;          /* request bytes buffered */
    size_t out_length;    /* response bytes in out */
    size_t out_offset;    /* of which already sent */
    int file;             /* body still being read, or -1 */
    int sending;          /* a response is in progress */
    int close_after;      /* Connection: close (or an error): close once the response is out */
    char request[REQUEST_BUFFER];
    char out[OUTPUT_BUFFER];
} connection_t;

static connection_t *connections[MAX_CONNECTIONS];
static struct pollfd fds[MAX_CONNECTIONS + 1];
static const char *root;
static long served, budget;

static const char *content_type(const char *path) {
    const char *dot = strrchr(path, '.');
    if (dot != NULL && strcmp(dot, ".html") == 0) return "text/html; charset=utf-8";
    if (dot != NULL && strcmp(dot, ".txt") == 0) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

static void start_response(connection_t *c, int status, const char *reason, long long length, const char *type) {
    c->out_length = (size_t)snprintf(c->out, OUTPUT_BUFFER,
                                     "HTTP/1.1 %d %s\r\nContent-Length: %lld\r\nContent-Type: %s\r\nConnection: %s\r\n\r\n",
                                     status, reason, length, type,
                                     c->close_after ? "close" : "keep-alive");
    c->out_offset = 0;
    c->sending = 1;
}

/* Parses one buffered request, if complete, and starts its response. */
static void next_request(connection_t *c) {
    char *end = c->used > 0 ? memmem(c->request, c->used, "\r\n\r\n", 4) : NULL;
    if (end == NULL) {
        if (c->used == REQUEST_BUFFER) { c->close_after = 1; start_response(c, 431, "Request Header Fields Too Large", 0, "text/plain"); }
        return;
    }
    size_t header_length = (size_t)(end - c->request) + 4;
    char method[8], path[1024], version[16], full[1200];
    *end = 0;
    c->close_after = strstr(c->request, "Connection: close") != NULL;
    int parsed = sscanf(c->request, "%7s %1023s %15s", method, path, version) == 3;
    memmove(c->request, c->request + header_length, c->used - header_length);
    c->used -= header_length;
    served++;
    if (!parsed || path[0] != '/' || strstr(path, "..") != NULL) {
        c->close_after = 1;
        start_response(c, 400, "Bad Request", 0, "text/plain");
        return;
    }
    int head = strcmp(method, "HEAD") == 0;
    if (!head && strcmp(method, "GET") != 0) { start_response(c, 405, "Method Not Allowed", 0, "text/plain"); return; }
    snprintf(full, sizeof full, "%s%s", root, strcmp(path, "/") == 0 ? "/index.html" : path);
    int file = open(full, O_RDONLY);
    struct stat st;
    if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (file >= 0) close(file);
        start_response(c, 404, "Not Found", 0, "text/plain");
        return;
    }
    start_response(c, 200, "OK", (long long)st.st_size, content_type(full));
    if (head) close(file);
    else c->file = file;
}

static void close_connection(int i, int *count) {
    connection_t *c = connections[i];
    if (c->file >= 0) close(c->file);
    close(c->fd);
    free(c);
    connections[i] = connections[*count - 1];
    (*count)--;
}

/* Sends what the socket takes; returns 0 to keep the connection, -1 to close it. */
static int pump(connection_t *c) {
    while (c->sending) {
        if (c->out_offset == c->out_length) {
            ssize_t n = c->file >= 0 ? read(c->file, c->out, OUTPUT_BUFFER) : 0;
            if (n < 0) return -1;
            if (n > 0) { c->out_length = (size_t)n; c->out_offset = 0; continue; }
            /* Response complete. */
            if (c->file >= 0) { close(c->file); c->file = -1; }
            c->sending = 0;
            if (c->close_after) return -1;
            next_request(c);
            continue;
        }
        ssize_t n = send(c->fd, c->out + c->out_offset, c->out_length - c->out_offset, 0);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->out_offset += (size_t)n;
    }
    return 0;
}

static int open_listener(int argc, char **argv, int *next) {
#ifdef __wasi__
    if (argc >= 4 && strcmp(argv[1], "--fd") == 0) { *next = 3; return atoi(argv[2]); }
    printf("usage: http_server --fd FD ROOT [REQUESTS]\n");
    exit(2);
#else
    if (argc < 4) { printf("usage: http_server IP PORT ROOT [REQUESTS]\n"); exit(2); }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    socklen_t length = sizeof address;
    if (fd < 0 || inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) { printf("bad address %s\n", argv[1]); exit(2); }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 512) != 0 ||
        getsockname(fd, (struct sockaddr *)&address, &length) != 0) { perror("listen"); exit(2); }
    printf("listening %u\n", ntohs(address.sin_port));
    fflush(stdout);
    signal(SIGPIPE, SIG_IGN);
    *next = 3;
    return fd;
#endif
}

int main(int argc, char **argv) {
    int next;
    int listener = open_listener(argc, argv, &next);
    root = argv[next];
    budget = argc > next + 1 ? atol(argv[next + 1]) : 0;
    if (fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK) != 0) { printf("fcntl: errno %d\n", errno); return 1; }

    int count = 0;
    while (budget == 0 || served < budget || count > 0) {
        int accepting = count < MAX_CONNECTIONS && (budget == 0 || served < budget);
        fds[0].fd = listener;
        fds[0].events = accepting ? POLLIN : 0;
        fds[0].revents = 0;
        for (int i = 0; i < count; i++) {
            fds[i + 1].fd = connections[i]->fd;
            fds[i + 1].events = connections[i]->sending ? POLLOUT : POLLIN;
            fds[i + 1].revents = 0;
        }
        if (poll(fds, (nfds_t)count + 1, -1) < 0) {
            if (errno == EINTR) continue;
            printf("poll: errno %d\n", errno);
            return 1;
        }

        /* Connections first (from the end: closing one moves the last into its slot), then new ones. */
        int polled = count;
        for (int i = polled - 1; i >= 0; i--) {
            connection_t *c = connections[i];
            if (!fds[i + 1].revents) continue;
            int keep = 0;
            if (c->sending) {
                keep = pump(c);
            } else {
                ssize_t n = recv(c->fd, c->request + c->used, REQUEST_BUFFER - c->used, 0);
                if (n > 0) {
                    c->used += (size_t)n;
                    next_request(c);
                    keep = pump(c);
                } else {
                    keep = n < 0 && errno == EAGAIN ? 0 : -1;
                }
            }
            if (keep != 0) close_connection(i, &count);
        }

        if (accepting && (fds[0].revents & POLLIN)) {
            while (count < MAX_CONNECTIONS) {
                int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                if (fd < 0) {
                    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED) break;
                    printf("accept: errno %d\n", errno);
                    return 1;
                }
#ifndef __wasi__
                int one = 1;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#endif
                connection_t *c = malloc(sizeof *c);
                if (c == NULL) { close(fd); break; }
                c->fd = fd;
                c->used = c->out_length = c->out_offset = 0;
                c->file = -1;
                c->sending = c->close_after = 0;
                connections[count++] = c;
            }
        }
    }
    printf("served %ld\n", served);
    return 0;
}
