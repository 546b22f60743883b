/* A stand-in for bcryptprimitives.dll, for running Windows programs under
 * Wine 8.0 in the tests only; never shipped. Rust's standard library (1.78
 * and later) takes its random bytes from ProcessPrng in that DLL, which
 * every Windows 10 and 11 has and Wine 8.0 does not, so without it no Rust
 * program built for Windows starts under Wine 8. This one answers with
 * RtlGenRandom (advapi32's SystemFunction036), Wine's own random source. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
