/* sock_poll_server: a single-threaded, non-blocking echo server for many clients at once.
 * Every socket is O_NONBLOCK (fd_fdstat_set_flags) and the server sleeps in poll() (poll_oneoff)
 * until a socket is readable or writable; reads and writes that would block answer EAGAIN.
 *   sock_poll_server IP PORT CONNECTIONS
 * Prints "listening PORT"; exits 0 with "served N bytes B" after CONNECTIONS clients closed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "sock_ext.h"

#define MAX_CLIENTS 256
#define BUFFER 16384

typedef struct {
    int fd;
    size_t pending; /* bytes received and not yet echoed */
    size_t offset;
    int eof;
    uint8_t data[BUFFER];
} client_t;

static client_t clients[MAX_CLIENTS];
static struct pollfd fds[MAX_CLIENTS + 1];

static void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) { printf("fcntl: %d\n", errno); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 4) { printf("usage: sock_poll_server IP PORT CONNECTIONS\n"); return 2; }
    int listener = listen_on(argv[1], atoi(argv[2]), 256);
    long target = atol(argv[3]);
    set_nonblocking(listener);
    int count = 0;
    long closed = 0;
    unsigned long long bytes = 0;
    while (closed < target) {
        fds[0].fd = listener;
        fds[0].events = count < MAX_CLIENTS ? POLLIN : 0;
        for (int i = 0; i < count; i++) {
            fds[i + 1].fd = clients[i].fd;
            fds[i + 1].events = clients[i].pending > 0 ? POLLOUT : POLLIN;
            fds[i + 1].revents = 0;
        }
        fds[0].revents = 0;
        if (poll(fds, (nfds_t)count + 1, -1) < 0) { printf("poll: %d\n", errno); return 1; }

        if (fds[0].revents & POLLIN) {
            for (;;) {
                __wasi_fd_t fd;
                __wasi_errno_t e = __wasi_sock_accept(listener, __WASI_FDFLAGS_NONBLOCK, &fd);
                if (e == __WASI_ERRNO_AGAIN) break;
                if (e != 0) { printf("sock_accept: errno %d\n", e); return 1; }
                if (count == MAX_CLIENTS) { close(fd); closed++; continue; }
                clients[count].fd = fd;
                clients[count].pending = clients[count].offset = 0;
                clients[count].eof = 0;
                count++;
            }
        }

        int polled = count;
        for (int i = polled - 1; i >= 0; i--) {
            client_t *c = &clients[i];
            if (!fds[i + 1].revents) continue;
            if (c->pending == 0) {
                ssize_t n = recv(c->fd, c->data, BUFFER, 0);
                if (n > 0) { c->pending = (size_t)n; c->offset = 0; }
                else if (n == 0 || errno != EAGAIN) c->eof = 1;
            }
            while (c->pending > 0) {
                ssize_t n = send(c->fd, c->data + c->offset, c->pending, 0);
                if (n < 0) {
                    if (errno != EAGAIN) c->eof = 1, c->pending = 0;
                    break;
                }
                c->offset += (size_t)n;
                c->pending -= (size_t)n;
                bytes += (unsigned long long)n;
            }
            if (c->eof && c->pending == 0) {
                close(c->fd);
                clients[i] = clients[count - 1];
                count--;
                closed++;
            }
        }
    }
    printf("served %ld bytes %llu\n", closed, bytes);
    return 0;
}
