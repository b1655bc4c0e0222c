/* wasm32-wasi has no user database; SQLite's shell only asks it for a home directory and falls
 * back to $HOME when there is none. */
#ifndef RW_PWD_H
#define RW_PWD_H
#include <sys/types.h>
struct passwd {
  char *pw_name;
  char *pw_dir;
};
static inline struct passwd *getpwuid(uid_t uid) { (void)uid; return 0; }
#endif
