/*
 * A stand-in bcryptprimitives.dll for Wine before 9.0, for make wincheck
 * only: Go programs (1.22 and later) load ProcessPrng from it at start, and
 * Wine 8 (Debian 12) has no such DLL, so every .exe stops before main, as
 * on Windows 7/8.1. This one draws from RtlGenRandom (SystemFunction036).
 * It is copied into the throwaway Wine prefix, never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
