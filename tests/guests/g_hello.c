/* hello: the runtime itself: console output through the UART and the exit DCR. */
#include "rt.h"

int main(void)
{
	rt_test = "hello";
	printf("hello from a kvm440 guest (msr %#08x, native %d)\n", mfmsr(),
	       rt_native);
	pass("hello");
	return 0;
}
