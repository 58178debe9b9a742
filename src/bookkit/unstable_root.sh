#!/usr/bin/env bash
# unstable_root.sh - CPython 3.14 / 3.15 from Debian unstable, via a
# debootstrap'ed minbase root, for running the book's test sessions on the
# same checkout.
#
# Usage:
#   unstable_root.sh ensure              build (or reuse) the root
#   unstable_root.sh run [--] CMD ARGS   run CMD inside the root, with the git
#                                        checkout bind-mounted at its host path
#   unstable_root.sh versions            print "3.14 Python 3.14.x" lines
#
# Environment:
#   BOOK_UNSTABLE_ROOT    root location (default /var/tmp/book-unstable-root)
#   BOOK_CHECKOUT         checkout to mount (default: git toplevel of $PWD)
#   BOOK_UNSTABLE_MIRROR  Debian mirror (default: taken from the host's apt)
#   BOOK_UNSTABLE_SUITE   suite to bootstrap (default: unstable)
#   BOOK_UNSTABLE_PYTHONS interpreter versions (default: "3.14 3.15")
#   BOOK_UNSTABLE_PASSENV extra variable names to pass through to `run`
#
# Everything that mounts runs inside `unshare --mount` (a private mount
# namespace), so no mount can outlive the command or leak to the host.
set -euo pipefail

readonly ROOT="${BOOK_UNSTABLE_ROOT:-/var/tmp/book-unstable-root}"
readonly SUITE="${BOOK_UNSTABLE_SUITE:-unstable}"
# Interpreters to provide (python3.X + python3.X-venv from Debian).
read -r -a PY_VERSIONS <<<"${BOOK_UNSTABLE_PYTHONS:-3.14 3.15}"
readonly PY_VERSIONS
readonly STAMP="$ROOT/.book-unstable-root.stamp"
readonly HOST_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
# Absolute path of this script, so it can re-exec itself inside unshare.
SELF="$(readlink -f -- "${BASH_SOURCE[0]}")"
readonly SELF

# Packages installed inside the root.  python3.X-venv pulls in the
# pip/setuptools wheels that `python3.X -m venv` (ensurepip) needs.
packages() {
    local v
    for v in "${PY_VERSIONS[@]}"; do
        printf '%s\n' "python$v" "python$v-venv"
    done
    printf '%s\n' ca-certificates make git
}

say() { printf 'unstable-root: %s\n' "$*" >&2; }
die() { printf 'unstable-root: error: %s\n' "$*" >&2; exit 1; }

need_root() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap, chroot and mounts need it); try: sudo $0 $*"
}

need_tools() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || die "required tool '$t' not found (apt-get install ${t/unshare/util-linux})"
    done
}

root_complete() {
    [[ -f $STAMP ]]
}

# ---------------------------------------------------------------------------
# Host configuration discovery
# ---------------------------------------------------------------------------

# The Debian mirror the host's apt uses.  `apt-get indextargets` lets apt
# parse both one-line (.list) and deb822 (.sources) files for us; we prefer
# the entry serving the host's own release (not -security / -updates).
host_mirror() {
    if [[ -n ${BOOK_UNSTABLE_MIRROR:-} ]]; then
        printf '%s\n' "${BOOK_UNSTABLE_MIRROR%/}"
        return
    fi
    local codename="" targets uri
    # shellcheck disable=SC1091  # host file, only present at runtime
    codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
    # Single quotes are deliberate: $(...) here is apt's format syntax.
    # shellcheck disable=SC2016
    targets="$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' 2>/dev/null | sort -u)"
    uri="$(awk -v c="$codename" '$3 == "deb" && $2 == c { print $1; exit }' <<<"$targets")"
    if [[ -z $uri ]]; then
        # Fallback: any plain "deb" repository that is not a security archive.
        uri="$(awk '$3 == "deb" && $2 !~ /-security$/ && $1 !~ /security/ { print $1; exit }' <<<"$targets")"
    fi
    [[ -n $uri ]] || die "could not derive a Debian mirror from the host's apt sources; set BOOK_UNSTABLE_MIRROR"
    printf '%s\n' "${uri%/}"
}

# apt settings worth carrying into the root: proxies, and the Valid-Until /
# date checks (a frozen/snapshot mirror may serve an expired Release file).
host_apt_conf() {
    apt-config dump 2>/dev/null |
        grep -E '^Acquire::((https?|ftp)::Proxy|Check-Valid-Until|Check-Date)( |::)' || true
}

# Proxy for debootstrap's own downloads (wget honours http_proxy).
host_apt_http_proxy() {
    local p=""
    eval "$(apt-config shell p Acquire::http::Proxy 2>/dev/null)" || true
    printf '%s' "$p"
}

# ---------------------------------------------------------------------------
# Mounting helpers (only ever called inside a private mount namespace)
# ---------------------------------------------------------------------------

MOUNTED=()

bind_into_root() { # bind_into_root HOST_PATH [ro]  (same path inside the root)
    local src=$1 dst="$ROOT$1"
    if [[ -d $src ]]; then mkdir -p -- "$dst"; else [[ -e $dst ]] || : >"$dst"; fi
    mount --rbind -- "$src" "$dst"
    MOUNTED+=("$dst")
    [[ ${2:-} != ro ]] || mount -o remount,bind,ro -- "$dst"
}

mount_api_fs() {
    mount -t proc proc "$ROOT/proc"
    MOUNTED+=("$ROOT/proc")
    # sysfs is optional (some containers refuse it); nothing needs it badly.
    if mount -t sysfs sysfs "$ROOT/sys" 2>/dev/null; then MOUNTED+=("$ROOT/sys"); fi
    # /dev recursively (brings /dev/pts and /dev/shm along).
    mount --rbind /dev "$ROOT/dev"
    MOUNTED+=("$ROOT/dev")
    # Fresh DNS config from the host on every use.
    if [[ -f /etc/resolv.conf && ! -L $ROOT/etc/resolv.conf ]]; then
        [[ -e $ROOT/etc/resolv.conf ]] || : >"$ROOT/etc/resolv.conf"
        mount --bind /etc/resolv.conf "$ROOT/etc/resolv.conf"
        MOUNTED+=("$ROOT/etc/resolv.conf")
    fi
}

unmount_all() {
    local i
    # Reverse order; fall back to a lazy unmount if something is busy.  The
    # namespace dies with us anyway, this just makes teardown explicit.
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount -R -- "${MOUNTED[i]}" 2>/dev/null || umount -R -l -- "${MOUNTED[i]}" 2>/dev/null || true
    done
    MOUNTED=()
}

in_root() { # in_root CMD...  (plain chroot, API filesystems must be mounted)
    chroot "$ROOT" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# ---------------------------------------------------------------------------
# ensure
# ---------------------------------------------------------------------------

stamp_text() {
    printf 'suite=%s\nmirror=%s\npackages=%s\n' "$SUITE" "$1" "$(packages | tr '\n' ' ')"
}

cmd_ensure() {
    need_root ensure
    need_tools debootstrap unshare chroot flock apt-config findmnt
    local mirror want
    mirror="$(host_mirror)"
    want="$(stamp_text "$mirror")"

    mkdir -p -- "$(dirname -- "$ROOT")"
    # Serialise concurrent `ensure` calls on the same root.
    exec 9>"$ROOT.lock"
    flock 9

    if root_complete; then
        if [[ "$(sed -n '1,3p' "$STAMP")" == "$want" ]]; then
            say "reusing complete root at $ROOT"
            return 0
        fi
        say "root at $ROOT was built with different settings; rebuilding"
    fi

    if [[ -e $ROOT ]]; then
        # Never rm -rf through a live mount (e.g. a bind-mounted checkout).
        if findmnt -rn -o TARGET | grep -qF -- "$ROOT/"; then
            die "something is still mounted under $ROOT; unmount it first (findmnt | grep $ROOT)"
        fi
        say "removing incomplete root at $ROOT"
        rm -rf --one-file-system -- "$ROOT"
    fi

    # Build in a private mount namespace: debootstrap and apt mount /proc etc.
    # inside the target, and nothing must leak to the host if we die midway.
    unshare --mount --propagation private -- "$SELF" __build "$mirror"

    stamp_text "$mirror" >"$STAMP.tmp"
    printf 'built=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$STAMP.tmp"
    mv -f -- "$STAMP.tmp" "$STAMP" # the stamp is written last
    say "root complete at $ROOT"
}

# Copy a host file into the root at the same path.
copy_in() {
    mkdir -p -- "$(dirname -- "$ROOT$1")"
    cp -fL -- "$1" "$ROOT$1"
}

copy_pip_config() {
    local conf ref
    local confs=()
    [[ -f /etc/pip.conf ]] && confs+=(/etc/pip.conf)
    if [[ -d /etc/xdg/pip ]]; then
        mkdir -p -- "$ROOT/etc/xdg"
        cp -a -- /etc/xdg/pip "$ROOT/etc/xdg/"
        while IFS= read -r -d '' conf; do confs+=("$conf"); done \
            < <(find /etc/xdg/pip -maxdepth 1 -name 'pip.conf' -print0)
    fi
    ((${#confs[@]})) || return 0
    for conf in "${confs[@]}"; do
        copy_in "$conf"
        # pip.conf values may point at host files (constraint = /etc/..., a
        # cert, a requirements file): copy every absolute path that names a
        # regular host file to the same path in the root so it resolves there.
        # Directories (e.g. find-links) are not copied, only reported.
        while IFS= read -r ref; do
            if [[ -f $ref ]]; then
                copy_in "$ref"
            elif [[ -d $ref ]]; then
                say "note: $conf references directory $ref (not copied into the root)"
            fi
        done < <(grep -vE '^[[:space:]]*[#;]' "$conf" |
            grep -oE '(^|[=[:space:]])/[^[:space:]#;]+' | sed -E 's/^[=[:space:]]*//' | sort -u)
    done
}

# Runs inside `unshare --mount`.
build_root() {
    local mirror=$1 proxy keyring=() t0 missing=() pkg pkgs=()
    mapfile -t pkgs < <(packages)
    trap unmount_all EXIT

    proxy="$(host_apt_http_proxy)"
    [[ -z $proxy ]] || export http_proxy="$proxy"
    [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
        keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)

    t0=$SECONDS
    say "debootstrap --variant=minbase $SUITE from $mirror ..."
    mkdir -p -- "$ROOT"
    if ! debootstrap --variant=minbase "${keyring[@]}" "$SUITE" "$ROOT" "$mirror" \
        >"$ROOT.debootstrap.log" 2>&1; then
        tail -n 20 "$ROOT.debootstrap.log" >&2
        [[ ! -f $ROOT/debootstrap/debootstrap.log ]] || tail -n 20 "$ROOT/debootstrap/debootstrap.log" >&2
        die "debootstrap failed (full log: $ROOT.debootstrap.log)"
    fi
    say "debootstrap done in $((SECONDS - t0))s"

    # Host apt settings (proxy, Valid-Until) plus a lean install policy.
    {
        echo '// generated by unstable_root.sh from the host apt configuration'
        host_apt_conf
        echo 'APT::Install-Recommends "false";'
        echo 'APT::Install-Suggests "false";'
    } >"$ROOT/etc/apt/apt.conf.d/99book-host"
    # Skip docs/man/locales: faster installs, nothing here reads them.
    cat >"$ROOT/etc/dpkg/dpkg.cfg.d/99book-nodoc" <<'EOF'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
EOF
    # Host CA bundle in place before apt runs (matters for https mirrors or
    # TLS-intercepting proxies; ca-certificates is not installed yet).
    copy_in "$HOST_CA_BUNDLE"

    mount_api_fs
    t0=$SECONDS
    say "apt-get update ..."
    in_root apt-get -q update >"$ROOT.apt.log" 2>&1 || { tail -n 20 "$ROOT.apt.log" >&2; die "apt-get update failed inside the root"; }

    # Check every package exists before installing, to name the missing ones.
    for pkg in "${pkgs[@]}"; do
        in_root apt-cache show --no-all-versions "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) || die "package(s) not available in Debian $SUITE ($mirror): ${missing[*]}"

    say "apt-get install ${pkgs[*]} ..."
    in_root apt-get -q -y install "${pkgs[@]}" >>"$ROOT.apt.log" 2>&1 || { tail -n 30 "$ROOT.apt.log" >&2; die "apt-get install failed inside the root (log: $ROOT.apt.log)"; }
    in_root apt-get -q clean
    say "packages installed in $((SECONDS - t0))s"

    # ca-certificates regenerated the root's bundle: put the host's back on
    # top (it may carry extra, locally trusted CAs, e.g. for a proxy).
    copy_in "$HOST_CA_BUNDLE"
    copy_pip_config

    # Smoke test: every interpreter runs and has a working venv module.
    for pkg in "${PY_VERSIONS[@]}"; do
        in_root "python$pkg" -c 'import ensurepip, ssl, venv' || die "python$pkg in the root is not usable"
    done
    unmount_all
}

# ---------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------

# Variables passed from the caller into the root (everything else is reset).
passenv_names() {
    compgen -e | grep -E '^(CI|SOURCE_DATE_EPOCH|TERM|NO_COLOR|FORCE_COLOR|TZ|PIP_.*|NOX_.*|BOOK_.*|GITHUB_.*|(http|https|ftp|no|all)_proxy|(HTTP|HTTPS|FTP|NO|ALL)_PROXY|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|GIT_SSL_CAINFO)$' || true
    local extra
    for extra in ${BOOK_UNSTABLE_PASSENV:-}; do
        [[ -v $extra ]] && printf '%s\n' "$extra"
    done
}

cmd_run() {
    need_root run
    need_tools unshare chroot git
    [[ ${1:-} != -- ]] || shift
    (($#)) || die "usage: $0 run [--] CMD ARGS..."
    root_complete || die "no complete root at $ROOT; run '$0 ensure' first"

    local checkout cwd
    checkout="${BOOK_CHECKOUT:-$(git rev-parse --show-toplevel 2>/dev/null || true)}"
    [[ -n $checkout ]] || die "not inside a git checkout; set BOOK_CHECKOUT"
    checkout="$(readlink -f -- "$checkout")"
    [[ -d $checkout ]] || die "checkout $checkout is not a directory"
    cwd="$(pwd -P)"
    if [[ $cwd != "$checkout" && $cwd != "$checkout"/* ]]; then
        say "note: cwd $cwd is outside the checkout; using $checkout"
        cwd=$checkout
    fi
    exec unshare --mount --propagation private -- "$SELF" __run "$checkout" "$cwd" "$@"
}

# Runs inside `unshare --mount`.
run_in_namespace() {
    local checkout=$1 cwd=$2 common name rc=0
    shift 2
    trap unmount_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    mount_api_fs
    bind_into_root "$checkout"
    # A worktree's git dir may live outside the checkout: mount it too.
    common="$(git -C "$checkout" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
    if [[ -n $common && -d $common && $common != "$checkout"/* ]]; then
        bind_into_root "$common"
    fi

    # PIP_* values may name host paths (e.g. PIP_FIND_LINKS=/opt/wheels):
    # expose those that exist on the host but not in the root, read-only.
    # ("Absent" includes an empty mount point left by an earlier run.)
    local word words
    while IFS= read -r name; do
        [[ $name == PIP_* ]] || continue
        read -r -a words <<<"${!name}"
        for word in "${words[@]}"; do
            [[ $word == /* && -e $word ]] || continue
            if [[ ! -e $ROOT$word ]] || [[ -d $ROOT$word && -z "$(ls -A -- "$ROOT$word")" ]] ||
                [[ -f $ROOT$word && ! -s $ROOT$word ]]; then
                bind_into_root "$word" ro
            fi
        done
    done < <(passenv_names)

    local envs=(
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        HOME=/root LANG=C.UTF-8
    )
    while IFS= read -r name; do
        envs+=("$name=${!name}")
    done < <(passenv_names)
    # The checkout may belong to another uid; let git inside accept it.
    if [[ -z ${GIT_CONFIG_COUNT:-} ]]; then
        envs+=(GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory "GIT_CONFIG_VALUE_0=$checkout")
    fi

    # Not exec: the EXIT trap must still run to unmount.
    chroot "$ROOT" /usr/bin/env -i -C "$cwd" "${envs[@]}" "$@" || rc=$?
    exit "$rc"
}

# ---------------------------------------------------------------------------
# versions
# ---------------------------------------------------------------------------

cmd_versions() {
    need_root versions
    root_complete || die "no complete root at $ROOT; run '$0 ensure' first"
    local v out rc=0
    for v in "${PY_VERSIONS[@]}"; do
        if out="$(chroot "$ROOT" "/usr/bin/python$v" --version 2>&1)"; then
            printf '%s %s\n' "$v" "$out"
        else
            printf 'unstable-root: error: python%s not runnable in %s: %s\n' "$v" "$ROOT" "$out" >&2
            rc=1
        fi
    done
    return "$rc"
}

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$SELF"
}

main() {
    local cmd=${1:-}
    (($#)) && shift
    case $cmd in
        ensure) cmd_ensure "$@" ;;
        run) cmd_run "$@" ;;
        versions) cmd_versions "$@" ;;
        __build) build_root "$@" ;;
        __run) run_in_namespace "$@" ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
