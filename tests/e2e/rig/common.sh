# Shared settings for the emulated-440 rig scripts (sourced, not run).
# The cache lives outside the checkout so a fresh clone reuses the kernel.
set -euo pipefail
RIG_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$RIG_DIR/../../.." && pwd)
CACHE=${KVM440_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kvm440}
BUILD=${KVM440_BUILD:-$TOP/build}
CROSS=powerpc-linux-gnu-
JOBS=$(nproc)
mkdir -p "$CACHE" "$BUILD"
log() { printf 'rig: %s\n' "$*" >&2; }
