#include "textflag.h"

TEXT ·callsPrintln(SB),NOSPLIT,$0
	CALL fmt·Println(SB)
	RET
