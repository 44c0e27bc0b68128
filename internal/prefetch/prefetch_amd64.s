#include "textflag.h"

// func Lines(b *byte, n int) byte
TEXT ·Lines(SB), NOSPLIT, $0-17
	MOVQ b+0(FP), AX
	MOVQ n+8(FP), CX
	ADDQ AX, CX
loop:
	CMPQ AX, CX
	JAE  done
	PREFETCHT0 (AX)
	ADDQ $64, AX
	JMP  loop
done:
	MOVB $0, ret+16(FP)
	RET
