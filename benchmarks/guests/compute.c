/*
 * Freestanding compute kernels for the ReactorHost-vs-node benchmark.
 *
 * No libc, no WASI, no imports: every kernel works on static buffers in linear memory and
 * returns a 32-bit checksum, so two engines can prove they computed the same thing.
 * Each export takes a work size (iterations / element count); see benchmarks/node/compute.mjs
 * and `reactorhost bench` for the sizes actually used.
 *
 * Build: benchmarks/guests/build.sh (clang --target=wasm32 -O2 -nostdlib).
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))

/* ------------------------------------------------------------------------------------------ */
/* Deterministic input data.                                                                  */

static u32 rng_state;

static u32 xorshift32(void) {
    u32 x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

#define BUFFER_SIZE (1u << 20) /* 1 MiB */
static u8 buffer[BUFFER_SIZE];

static void fill_buffer(u32 seed) {
    rng_state = seed ? seed : 0x9e3779b9u;
    u32 *words = (u32 *)buffer;
    for (u32 i = 0; i < BUFFER_SIZE / 4; i++) words[i] = xorshift32();
}

/* ------------------------------------------------------------------------------------------ */
/* (a1) FNV-1a over 1 MiB, byte at a time: a tight loop of i32 loads, xor and multiply.       */

EXPORT("fnv1a")
u32 fnv1a(i32 rounds) {
    fill_buffer(1);
    u32 hash = 2166136261u;
    for (i32 r = 0; r < rounds; r++) {
        for (u32 i = 0; i < BUFFER_SIZE; i++) {
            hash ^= buffer[i];
            hash *= 16777619u;
        }
    }
    return hash;
}

/* ------------------------------------------------------------------------------------------ */
/* (a2) SHA-256 over 1 MiB: rotates, adds, big-endian word loads, a 64-entry message schedule. */

static const u32 K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(u32 state[8], const u8 *block) {
    u32 w[64];
    for (int i = 0; i < 16; i++)
        w[i] = ((u32)block[4 * i] << 24) | ((u32)block[4 * i + 1] << 16) |
               ((u32)block[4 * i + 2] << 8) | (u32)block[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = state[0], b = state[1], c = state[2], d = state[3];
    u32 e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        u32 S1 = ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25);
        u32 ch = (e & f) ^ (~e & g);
        u32 t1 = h + S1 + ch + K256[i] + w[i];
        u32 S0 = ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22);
        u32 maj = (a & b) ^ (a & c) ^ (b & c);
        u32 t2 = S0 + maj;
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

static u32 digest[8];

/* Hashes the 1 MiB buffer `rounds` times (each round chains on the previous digest);
   returns the first digest word xor the last. Padding is omitted: the buffer is a whole
   number of blocks and only the compression function is being measured. */
EXPORT("sha256")
u32 sha256(i32 rounds) {
    fill_buffer(2);
    static const u32 iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int i = 0; i < 8; i++) digest[i] = iv[i];
    for (i32 r = 0; r < rounds; r++)
        for (u32 off = 0; off < BUFFER_SIZE; off += 64) sha256_block(digest, buffer + off);
    return digest[0] ^ digest[7];
}

/* ------------------------------------------------------------------------------------------ */
/* (b1) n-body (the Computer Language Benchmarks Game kernel): f64 arithmetic and sqrt.       */

typedef struct {
    double x, y, z, vx, vy, vz, mass;
} body;

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES 5

static body bodies[NBODIES];

static void nbody_init(void) {
    static const body initial[NBODIES] = {
        {0, 0, 0, 0, 0, 0, SOLAR_MASS},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
         -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
         2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
         -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
         -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}};
    for (int i = 0; i < NBODIES; i++) bodies[i] = initial[i];
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NBODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double nbody_energy(void) {
    double e = 0;
    for (int i = 0; i < NBODIES; i++) {
        body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NBODIES; j++) {
            body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            e -= b->mass * c->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void nbody_advance(double dt) {
    for (int i = 0; i < NBODIES; i++) {
        body *b = &bodies[i];
        for (int j = i + 1; j < NBODIES; j++) {
            body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            b->vx -= dx * c->mass * mag; b->vy -= dy * c->mass * mag; b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag; c->vy += dy * b->mass * mag; c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        body *b = &bodies[i];
        b->x += dt * b->vx; b->y += dt * b->vy; b->z += dt * b->vz;
    }
}

/* Runs `steps` simulation steps; returns the final energy scaled to an integer (1e-12 units,
   the precision printed by the Benchmarks Game reference output is 1e-9). */
EXPORT("nbody")
i32 nbody(i32 steps) {
    nbody_init();
    for (i32 i = 0; i < steps; i++) nbody_advance(0.01);
    double e = nbody_energy();
    return (i32)(long long)(e * 1e12);
}

/* ------------------------------------------------------------------------------------------ */
/* (b2) Dense f64 matrix multiply C += A * B, 128 x 128, naive i-k-j order, arg rounds:
   f64 loads, multiply-adds and stores through computed addresses. */

#define MAT_N 128
static double mat_a[MAT_N * MAT_N], mat_b[MAT_N * MAT_N], mat_c[MAT_N * MAT_N];

EXPORT("matmul")
i32 matmul(i32 rounds) {
    rng_state = 3;
    for (i32 i = 0; i < MAT_N * MAT_N; i++) {
        mat_a[i] = (double)(xorshift32() & 0xffff) / 65536.0 - 0.5;
        mat_b[i] = (double)(xorshift32() & 0xffff) / 65536.0 - 0.5;
        mat_c[i] = 0;
    }
    for (i32 r = 0; r < rounds; r++)
        for (i32 i = 0; i < MAT_N; i++)
            for (i32 k = 0; k < MAT_N; k++) {
                double aik = mat_a[i * MAT_N + k];
                for (i32 j = 0; j < MAT_N; j++) mat_c[i * MAT_N + j] += aik * mat_b[k * MAT_N + j];
            }
    double sum = 0;
    for (i32 i = 0; i < MAT_N * MAT_N; i++) sum += mat_c[i] * (double)((i % 7) + 1);
    return (i32)(long long)(sum * 1e3);
}

/* (b3) Mandelbrot set over a size x size grid, at most 255 iterations a point: f64 compare loop. */
EXPORT("mandelbrot")
u32 mandelbrot(i32 size) {
    u32 checksum = 0;
    for (i32 py = 0; py < size; py++) {
        double ci = 2.0 * py / size - 1.0;
        for (i32 px = 0; px < size; px++) {
            double cr = 2.5 * px / size - 2.0;
            double zr = 0, zi = 0;
            u32 it = 0;
            while (it < 255 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                it++;
            }
            checksum = checksum * 31 + it;
        }
    }
    return checksum;
}

/* ------------------------------------------------------------------------------------------ */
/* (c1) Recursive Fibonacci: direct calls, compares and adds. (clang turns the second recursive
   call into a loop, so fib(n) makes about fib(n) calls rather than 2 fib(n).)                */

NOINLINE static u32 fib_rec(u32 n) { return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2); }

EXPORT("fib")
u32 fib(i32 n) { return fib_rec((u32)n); }

/* (c2) Quicksort of n 32-bit keys with a comparator called through a function pointer: every
   comparison is a call_indirect (the comparator is picked at run time from a table so the
   compiler cannot devirtualize it). */

typedef i32 (*compare_fn)(const void *, const void *);

NOINLINE static i32 compare_u32_asc(const void *a, const void *b) {
    u32 x = *(const u32 *)a, y = *(const u32 *)b;
    return (x > y) - (x < y);
}

NOINLINE static i32 compare_u32_desc(const void *a, const void *b) {
    u32 x = *(const u32 *)a, y = *(const u32 *)b;
    return (x < y) - (x > y);
}

static compare_fn comparators[2] = {compare_u32_asc, compare_u32_desc};
static volatile i32 comparator_index; /* 0 at run time; volatile keeps the call indirect */

static void swap_u32(u32 *a, u32 *b) {
    u32 t = *a;
    *a = *b;
    *b = t;
}

NOINLINE static void quicksort(u32 *v, i32 lo, i32 hi, compare_fn cmp) {
    while (lo < hi) {
        if (hi - lo < 16) { /* insertion sort for short runs */
            for (i32 i = lo + 1; i <= hi; i++)
                for (i32 j = i; j > lo && cmp(&v[j - 1], &v[j]) > 0; j--) swap_u32(&v[j - 1], &v[j]);
            return;
        }
        i32 mid = lo + (hi - lo) / 2;
        if (cmp(&v[mid], &v[lo]) < 0) swap_u32(&v[mid], &v[lo]);
        if (cmp(&v[hi], &v[lo]) < 0) swap_u32(&v[hi], &v[lo]);
        if (cmp(&v[hi], &v[mid]) < 0) swap_u32(&v[hi], &v[mid]);
        u32 pivot = v[mid];
        i32 i = lo, j = hi;
        while (i <= j) {
            while (cmp(&v[i], &pivot) < 0) i++;
            while (cmp(&v[j], &pivot) > 0) j--;
            if (i <= j) {
                swap_u32(&v[i], &v[j]);
                i++;
                j--;
            }
        }
        /* recurse into the smaller half, loop on the larger: O(log n) stack */
        if (j - lo < hi - i) {
            quicksort(v, lo, j, cmp);
            lo = i;
        } else {
            quicksort(v, i, hi, cmp);
            hi = j;
        }
    }
}

/* Sorts n keys (n <= 262144) from a fixed seed; returns a position-weighted sum of the result. */
EXPORT("qsort")
u32 qsort_bench(i32 n) {
    if (n > (i32)(BUFFER_SIZE / 4)) n = BUFFER_SIZE / 4;
    u32 *keys = (u32 *)buffer;
    rng_state = 4;
    for (i32 i = 0; i < n; i++) keys[i] = xorshift32();
    quicksort(keys, 0, n - 1, comparators[comparator_index]);
    u32 checksum = 0;
    for (i32 i = 0; i < n; i++) checksum = checksum * 31 + (keys[i] >> 8) + (u32)i;
    return checksum;
}
