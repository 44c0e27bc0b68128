(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 33
(002) ldh      [16]
(003) sub      #1
(004) jgt      #0x0             jt 5	jf 33
(005) ldb      [14]
(006) and      #0xf0
(007) jeq      #0x40            jt 8	jf 33
(008) ldb      [20]
(009) mod      #3
(010) jeq      #0x1             jt 11	jf 33
(011) ld       #pktlen
(012) mul      #2
(013) jge      #0x8             jt 14	jf 33
(014) ldb      [15]
(015) rsh      #2
(016) jeq      #0x0             jt 17	jf 33
(017) ldb      [16]
(018) xor      #0x5
(019) jeq      #0x7             jt 33	jf 20
(020) ldb      [17]
(021) or       #0x1
(022) jeq      #0x1             jt 23	jf 33
(023) ldb      [18]
(024) neg
(025) jeq      #0x0             jt 26	jf 33
(026) ldb      [19]
(027) div      #2
(028) jeq      #0x0             jt 29	jf 33
(029) ldb      [21]
(030) lsh      #1
(031) jeq      #0x0             jt 32	jf 33
(032) ret      #262144
(033) ret      #0
