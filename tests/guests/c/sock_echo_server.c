/* sock_echo_server: a blocking TCP echo server on the WasmEdge socket extension.
 *   sock_echo_server IP PORT CONNECTIONS   open, bind, listen (prints "listening PORT")
 *   sock_echo_server --fd FD CONNECTIONS   use a preopened listening socket
 * Serves CONNECTIONS connections one after the other (0 = forever), echoing every byte until the
 * client closes, then prints "served N bytes B" and exits 0. */
#include "sock_ext.h"

int main(int argc, char **argv) {
    int32_t listener;
    long connections;
    if (argc == 4 && strcmp(argv[1], "--fd") == 0) {
        listener = atoi(argv[2]);
        connections = atol(argv[3]);
    } else if (argc == 4) {
        listener = listen_on(argv[1], atoi(argv[2]), 128);
        connections = atol(argv[3]);
    } else {
        printf("usage: sock_echo_server IP PORT CONNECTIONS | --fd FD CONNECTIONS\n");
        return 2;
    }

    static uint8_t buffer[65536];
    long served = 0;
    unsigned long long bytes = 0;
    while (connections == 0 || served < connections) {
        __wasi_fd_t client;
        __wasi_errno_t e = __wasi_sock_accept(listener, 0, &client);
        if (e != 0) { printf("sock_accept: errno %d\n", e); return 1; }
        for (;;) {
            __wasi_iovec_t iov = {buffer, sizeof buffer};
            __wasi_size_t n = 0;
            __wasi_roflags_t flags;
            e = __wasi_sock_recv(client, &iov, 1, 0, &n, &flags);
            if (e != 0 || n == 0) break;
            if (send_all(client, buffer, n) != 0) break;
            bytes += n;
        }
        __wasi_fd_close(client);
        served++;
    }
    printf("served %ld bytes %llu\n", served, bytes);
    return 0;
}
