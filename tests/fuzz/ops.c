// SPDX-License-Identifier: GPL-2.0
/*
 * One fuzzing round: random operations on a small pool of /dev/kvm440,
 * VM and vCPU fds and memory mappings. Arguments are biased to boundaries
 * (fuzz.h rnd_u32/rnd_u64) and pointers to every kind of bad memory:
 * NULL, kernel addresses, a buffer running into a PROT_NONE page, a
 * read-only page for an ioctl that writes back. Memory regions overlap,
 * come from odd mappings (shared, file, read-only, PROT_NONE, the run page,
 * another VM's RAM) and get unmapped while the VM runs. A thread RUNs
 * while the main one changes memory and closes fds; children inherit fds.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define NDEV	2
#define NVM	4
#define NMAP	12
#define PG	4096u

static int dev[NDEV];
static struct {
	int fd;
	int vcpu;
	struct kvm440_run *run;
} vm[NVM];
static struct {
	char *p;
	size_t len;
} map[NMAP];
static char *arena;	/* page RW | page PROT_NONE | page read-only */
static char *guard;	/* GUARD bytes of PROT_NONE */
#define GUARD	(256 * PG)
static int nl_sk = -1, nl_fam = -1;

static int pick_fd(void)
{
	switch (rn(4)) {
	case 0: return dev[rn(NDEV)];
	case 1: return vm[rn(NVM)].fd;
	case 2: return vm[rn(NVM)].vcpu;
	default: return rn(20) ? vm[rn(NVM)].fd : (int)rnd_u32();
	}
}

/*
 * An address nothing is mapped at: the first page, the kernel's half, or
 * the guard region. Never a truly random one: an ioctl that writes back
 * (or a guest whose RAM it became) could land in this program's own data
 * and the fuzzer would wreck itself.
 */
static uintptr_t wild(void)
{
	switch (rn(3)) {
	case 0: return rn(PG);
	case 1: return 0xc0000000u | rnd();
	default: return (uintptr_t)guard + rn(GUARD);
	}
}

/* An ioctl argument: mostly a real buffer, else memory the kernel must
 * refuse to read or write. */
static void *ptr_arg(size_t size, int out)
{
	char *b = arena + rn(PG / 2 > size ? (PG - size) & ~7u : 1);

	switch (rn(12)) {
	case 0: return NULL;
	case 1: return (void *)0xc0000000ul;		/* kernel lowmem */
	case 2: return (void *)wild();
	case 3: return arena + PG - size / 2;		/* into PROT_NONE */
	case 4: return out ? arena + 2 * PG : b;	/* read-only */
	default:
		rnd_fill(b, size);
		return b;
	}
}

static unsigned long rnd_cmd(void)
{
	static const unsigned long cmds[] = {
		KVM440_GET_API_VERSION, KVM440_CREATE_VM,
		KVM440_GET_VCPU_MMAP_SIZE, KVM440_CHECK_EXTENSION,
		KVM440_SET_MEMORY_REGION, KVM440_CREATE_VCPU,
		KVM440_IRQ_LINE, KVM440_GET_STATS, KVM440_RUN,
		KVM440_GET_REGS, KVM440_SET_REGS, KVM440_GET_SREGS,
		KVM440_SET_SREGS, KVM440_GET_TLB, KVM440_SET_TLB,
		KVM440_SET_CONSOLE,
	};

	if (rn(6))
		return cmds[rn(sizeof(cmds) / sizeof(cmds[0]))];
	/* a neighbour: right number, wrong direction or size, or unknown */
	return _IOC(rn(4), rn(8) ? KVM440IO : rnd() & 0xff, rn(0x30),
		    rn(2) ? rn(64) : rn(1u << 14));
}

static size_t cmd_size(unsigned long cmd)
{
	size_t s = _IOC_SIZE(cmd);

	return s ? (s > PG ? PG : s) : 8;
}

static void set_mem(int v)
{
	struct kvm440_memory_region mr = { 0 };
	int m = rn(NMAP);

	mr.slot = rn(6) ? rn(KVM440_MAX_MEM_SLOTS) : rnd_u32();
	mr.flags = rn(4) ? 0 : rn(3) ? rn(4) : rnd_u32();
	mr.guest_phys = rn(3) ? (uint64_t)rn(64) << 16 : rnd_u64();
	mr.size = rn(6) ? (map[m].p ? map[m].len : (uint64_t)(rn(16) + 1) * PG) :
		rnd_u64();
	if (mr.flags & KVM440_MEM_ALLOC)
		mr.userspace_addr = rn(6) ? 0 : (uintptr_t)map[m].p;
	else if (map[m].p && rn(6))
		mr.userspace_addr = (uintptr_t)map[m].p + (rn(4) ? 0 : rn(3) * PG);
	else
		mr.userspace_addr = rn(2) ? (uintptr_t)ptr_arg(16, 0) :
			rn(2) ? wild() : rnd_u64() | 1ull << 32;
	if (!rn(16))
		mr.size = 0;	/* delete */
	fz_ioctl(vm[v].fd, KVM440_SET_MEMORY_REGION, rn(16) ? (void *)&mr :
		 ptr_arg(sizeof(mr), 0));
}

static void new_map(void)
{
	static const int prots[] = {
		PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE, PROT_READ,
		PROT_NONE, PROT_WRITE,
	};
	int m = rn(NMAP), v = rn(NVM), fd;
	size_t len = (rn(64) + 1) * PG;
	char *p = MAP_FAILED;

	if (map[m].p)
		munmap(map[m].p, map[m].len);
	map[m].p = NULL;
	switch (rn(6)) {
	case 0:	/* a VM's own RAM (KVM440_MEM_ALLOC slots) */
		p = mmap(NULL, len, rn(2) ? PROT_READ | PROT_WRITE : PROT_READ,
			 rn(4) ? MAP_SHARED : MAP_PRIVATE, vm[v].fd,
			 rn(2) ? 0 : (off_t)rn(64) * PG);
		break;
	case 1:	/* a file */
		fd = open(rn(2) ? "/bin/busybox" : "/e2e/kvm440.ko", O_RDONLY);
		if (fd >= 0) {
			p = mmap(NULL, len, PROT_READ, rn(2) ? MAP_PRIVATE :
				 MAP_SHARED, fd, 0);
			close(fd);
		}
		break;
	case 2:	/* shared anonymous */
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		break;
	case 3:	/* a run page */
		len = PG;
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 vm[v].vcpu, rn(4) ? 0 : (off_t)rn(3) * PG);
		break;
	default: {
		int prot = prots[rn(5)];

		p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		/* touched or not: pinning faults in what is missing */
		if (p != MAP_FAILED && (prot & PROT_WRITE) && rn(2))
			memset(p, 0, len > 8 * PG ? 8 * PG : len);
		break;
	}
	}
	if (p == MAP_FAILED)
		return;
	map[m].p = p;
	map[m].len = len;
}

static void new_vm(int v)
{
	if (vm[v].run)
		munmap(vm[v].run, PG);
	if (vm[v].vcpu >= 0)
		close(vm[v].vcpu);
	if (vm[v].fd >= 0)
		close(vm[v].fd);
	vm[v].run = NULL;
	vm[v].vcpu = -1;
	vm[v].fd = fz_ioctl(dev[rn(NDEV)], KVM440_CREATE_VM,
			    (void *)(uintptr_t)(rn(8) ? 0 : rnd_u32()));
}

static void new_vcpu(int v)
{
	int fd = fz_ioctl(vm[v].fd, KVM440_CREATE_VCPU,
			  (void *)(uintptr_t)(rn(6) ? 0 : rnd_u32()));
	void *r;

	if (fd < 0)
		return;
	if (vm[v].vcpu >= 0)
		close(vm[v].vcpu);
	vm[v].vcpu = fd;
	r = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	vm[v].run = r == MAP_FAILED ? NULL : r;
}

static void run_vcpu(int v)
{
	if (vm[v].run && rn(4) == 0)
		rnd_fill(vm[v].run, sizeof(struct kvm440_run));
	fz_ioctl(vm[v].vcpu, KVM440_RUN, 0);
	fz.runs++;
}

/* A vCPU ioctl with a plausible or wild argument. */
static void vcpu_op(int v)
{
	union {
		struct kvm440_regs r;
		struct kvm440_sregs s;
		struct kvm440_tlb t;
		struct kvm440_console_config c;
	} u;
	unsigned long cmd;

	switch (rn(7)) {
	case 0: cmd = KVM440_SET_REGS; break;
	case 1: cmd = KVM440_SET_SREGS; break;
	case 2: cmd = KVM440_SET_TLB; break;
	case 3: cmd = KVM440_SET_CONSOLE; break;
	default: cmd = rnd_cmd(); break;
	}
	if (rn(3) && _IOC_SIZE(cmd) <= sizeof(u)) {
		/* a real value first, then a few fields changed */
		if (cmd == KVM440_SET_SREGS)
			fz_ioctl(vm[v].vcpu, KVM440_GET_SREGS, &u);
		else if (cmd == KVM440_SET_TLB)
			fz_ioctl(vm[v].vcpu, KVM440_GET_TLB, &u);
		else
			rnd_fill(&u, sizeof(u));
		for (int i = rn(6); i >= 0; i--)
			((uint32_t *)&u)[rn(_IOC_SIZE(cmd) / 4)] = rnd_u32();
		fz_ioctl(vm[v].vcpu, cmd, &u);
	} else {
		fz_ioctl(rn(8) ? vm[v].vcpu : pick_fd(), cmd,
			 ptr_arg(cmd_size(cmd), _IOC_DIR(cmd) & _IOC_READ));
	}
}

/*
 * RUN in a thread while this one changes the VM under it. A third thread
 * interrupts the runner every tick, so the runner's RUN never outlives the
 * race, and this thread, if a vCPU ioctl waits for the runner, is let in.
 */
static volatile int race_stop, race_done;
static void *race_runner(void *arg)
{
	int fd = (int)(intptr_t)arg;
	int i;

	for (i = 0; i < 50 && !race_stop; i++) {
		ioctl(fd, KVM440_RUN, 0);
		__atomic_fetch_add(&fz.runs, 1, __ATOMIC_RELAXED);
	}
	race_done = 1;
	return NULL;
}

static void *race_kicker(void *arg)
{
	pthread_t runner = *(pthread_t *)arg;

	while (!race_done) {
		pthread_kill(runner, SIGUSR1);
		usleep(1000);
	}
	return NULL;
}

static void race(int v)
{
	pthread_t t, k;
	int i;

	if (vm[v].vcpu < 0)
		return;
	race_stop = race_done = 0;
	fz_arm_timer();	/* installs the handlers (no SA_RESTART) */
	if (pthread_create(&t, NULL, race_runner, (void *)(intptr_t)vm[v].vcpu))
		return;
	if (pthread_create(&k, NULL, race_kicker, &t)) {
		race_stop = 1;	/* the timer armed above ends its RUN */
		pthread_join(t, NULL);
		return;
	}
	fz.threads++;
	for (i = rn(8); i >= 0; i--) {
		switch (rn(5)) {
		case 0: set_mem(v); break;
		case 1: new_map(); break;
		case 2: vcpu_op(v); break;
		case 3:	/* the fds go while the runner may be in RUN */
			if (!rn(4)) {
				close(vm[v].vcpu);
				vm[v].vcpu = -1;
				close(vm[v].fd);
				vm[v].fd = -1;
			}
			break;
		default: usleep(rn(3000)); break;
		}
	}
	race_stop = 1;
	pthread_join(t, NULL);
	pthread_join(k, NULL);
}

/* A child with every fd inherited: the VM belongs to the parent's mm. */
static void fork_op(void)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return;
	if (pid == 0) {
		for (int i = rn(16); i >= 0; i--) {
			int v = rn(NVM);

			switch (rn(4)) {
			case 0: set_mem(v); break;
			case 1: run_vcpu(v); break;
			case 2: new_vcpu(v); break;
			default: vcpu_op(v); break;
			}
		}
		_exit(0);
	}
	fz.forks++;
	if (rn(4) == 0)
		kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

static void netlink_op(void)
{
	uint32_t ids[NVM + 2] = { 0, 1, 2, 3, 4, 5 };

	if (nl_sk < 0) {
		nl_sk = nl_open();
		nl_fam = nl_sk < 0 ? -1 : nl_family(nl_sk);
		if (nl_fam < 0)
			return;
	}
	switch (rn(6)) {
	case 0: nl_dump(nl_sk, nl_fam); break;
	case 1: nl_get_vm(nl_sk, nl_fam, ids[rn(NVM + 2)]); break;
	default: nl_fuzz(nl_sk, nl_fam, ids, NVM + 2); break;
	}
	if (!rn(64)) {	/* and a socket closed with replies unread */
		close(nl_sk);
		nl_sk = -1;
	}
}

int fz_round(unsigned long n, unsigned long guests)
{
	unsigned long start = fz.ioctls, g = 0;
	int i;

	arena = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	guard = mmap(NULL, GUARD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED || guard == MAP_FAILED ||
	    mprotect(arena + PG, PG, PROT_NONE) ||
	    mprotect(arena + 2 * PG, PG, PROT_READ))
		return -1;
	for (i = 0; i < NDEV; i++)
		dev[i] = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
	if (dev[0] < 0)
		return -1;
	for (i = 0; i < NVM; i++) {
		vm[i].fd = vm[i].vcpu = -1;
		vm[i].run = NULL;
	}
	while (fz.ioctls - start < n) {
		int v = rn(NVM);
		unsigned long cmd;

		switch (rn(40)) {
		case 0: case 1: new_vm(v); break;
		case 2: case 3: new_vcpu(v); break;
		case 4: case 5: case 6: case 7: set_mem(v); break;
		case 8: case 9: new_map(); break;
		case 10: case 11: run_vcpu(v); break;
		case 12:	/* unmap something, maybe guest RAM in use */
			i = rn(NMAP);
			if (map[i].p) {
				/* never past the end: a one-page entry
				 * (a run page) may sit just below the arena */
				size_t off = map[i].len > PG && rn(2) ? PG : 0;

				munmap(map[i].p + off,
				       rn(2) ? map[i].len - off : PG);
			}
			/*
			 * Forgotten even if partly mapped: the hole may be
			 * reused by the next mmap (a run page, the arena),
			 * which a later munmap of the entry would destroy.
			 */
			map[i].p = NULL;
			break;
		case 13:
			if (rn(4) == 0)
				race(v);
			break;
		case 14:
			if (rn(4) == 0)
				fork_op();
			break;
		case 15: case 16: netlink_op(); break;
		case 17:
			if (g < guests) {
				fz_guest_run(dev[0]);
				g++;
			}
			break;
		case 18:	/* close and reopen /dev/kvm440 */
			i = rn(NDEV);
			close(dev[i]);
			dev[i] = open("/dev/kvm440", O_RDWR | O_CLOEXEC);
			break;
		case 19:	/* a dup'ed fd closed at once */
			close(dup(pick_fd()));
			break;
		case 20: case 21: case 22: case 23: case 24: case 25:
			vcpu_op(v);
			break;
		default:
			cmd = rnd_cmd();
			fz_ioctl(pick_fd(), cmd, rn(8) ?
				 ptr_arg(cmd_size(cmd), _IOC_DIR(cmd) & _IOC_READ) :
				 (void *)wild());
			break;
		}
	}
	/* guests not reached by chance are still run */
	while (g++ < guests)
		fz_guest_run(dev[0]);
	return 0;
}
