/* Logging stand-in for libpcap's code generator, for the differential test in
   oracle_test.go: linked with the parser and scanner bison and flex build from
   libpcap's grammar.y.in and scanner.l, it prints every gen_* call the grammar
   makes, in the format of recorder_test.go, and fails the same calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "gencode.h"
#include "grammar.h"
#include "scanner.h"
int yyparse(void *yyscanner, compiler_state_t *cstate);
static long vals[1<<20]; static int nid;
static int newid(long v){ nid++; if (nid < (1<<20)) vals[nid]=v; return nid; }
void bpf_set_error(compiler_state_t *c, const char *fmt, ...) {
  if (c->error_set) return;
  va_list ap; va_start(ap, fmt); vsnprintf(c->errbuf, sizeof c->errbuf, fmt, ap); va_end(ap); c->error_set=1;
}
static void hard(compiler_state_t *c, const char *fmt, ...) {
  va_list ap; va_start(ap, fmt); vsnprintf(c->errbuf, sizeof c->errbuf, fmt, ap); va_end(ap);
}
char *sdup(compiler_state_t *c, const char *s){ return strdup(s); }
static struct block *B(long v){ struct block *b=malloc(sizeof *b); b->id=newid(v); return b; }
static struct arth *A(long v){ struct arth *b=malloc(sizeof *b); b->id=newid(v); return b; }
#define Q(q) (q).proto,(q).dir,(q).addr
struct arth *gen_loadi(compiler_state_t *c, bpf_u_int32 v){ printf("LoadI %u\n", v); if(v==666){hard(c,"LoadI failed");return NULL;} struct arth*a=A(v); printf(" -> #%d\n",a->id); return a; }
struct arth *gen_load(compiler_state_t *c, int p, struct arth *i, bpf_u_int32 sz){ printf("Load %d #%d %u\n",p,i->id,sz); if(sz==3){hard(c,"data size must be 1, 2, or 4");return NULL;} struct arth*a=A(0); printf(" -> #%d\n",a->id); return a;}
struct arth *gen_loadlen(compiler_state_t *c){ struct arth*a=A(0); printf("LoadLen -> #%d\n",a->id); return a; }
struct arth *gen_neg(compiler_state_t *c, struct arth *x){ struct arth*a=A(0); printf("Neg #%d -> #%d\n",x->id,a->id); return a; }
struct arth *gen_arth(compiler_state_t *c, int op, struct arth *x, struct arth *y){ printf("Arith %d #%d #%d\n",op,x->id,y->id); if(vals[x->id]==888||vals[y->id]==888){hard(c,"Arith failed");return NULL;} struct arth*a=A(0); printf(" -> #%d\n",a->id); return a; }
struct block *gen_and(struct block *x, struct block *y){ struct block*b=B(0); printf("And #%d #%d -> #%d\n",x->id,y->id,b->id); return b; }
struct block *gen_or(struct block *x, struct block *y){ struct block*b=B(0); printf("Or #%d #%d -> #%d\n",x->id,y->id,b->id); return b; }
struct block *gen_not(struct block *x){ printf("Not #%d\n",x->id); return x; }
#define RET(fmt, ...) do { printf(fmt "\n", __VA_ARGS__); } while(0)
static struct block *ok(void){ struct block*b=B(0); printf(" -> #%d\n",b->id); return b; }
struct block *gen_scode(compiler_state_t *c, const char *s, struct qual q){ RET("SCode %s {%d %d %d}",s,Q(q)); if(!strncmp(s,"bad",3)){hard(c,"SCode failed %s",s);return NULL;} return ok(); }
struct block *gen_ecode(compiler_state_t *c, const char *s, struct qual q){ RET("ECode %s {%d %d %d}",s,Q(q)); return ok(); }
struct block *gen_acode(compiler_state_t *c, const char *s, struct qual q){ RET("ACode %s {%d %d %d}",s,Q(q)); return ok(); }
struct block *gen_mcode(compiler_state_t *c, const char *s, const char *m, bpf_u_int32 l, struct qual q){ RET("MCode %s %s %u {%d %d %d}",s,m?m:"",l,Q(q)); return ok(); }
struct block *gen_mcode6(compiler_state_t *c, const char *s, bpf_u_int32 l, struct qual q){ RET("MCode6 %s %u {%d %d %d}",s,l,Q(q)); return ok(); }
struct block *gen_ncode(compiler_state_t *c, const char *s, bpf_u_int32 v, struct qual q){ if(s) RET("NCode %s 0 {%d %d %d}",s,Q(q)); else RET("NCode  %u {%d %d %d}",v,Q(q)); if(v==666){hard(c,"NCode failed");return NULL;} return ok(); }
struct block *gen_proto_abbrev(compiler_state_t *c, int p){ RET("ProtoAbbrev %d",p); if(p==Q_CARP){hard(c,"ProtoAbbrev failed");return NULL;} return ok(); }
struct block *gen_relation(compiler_state_t *c, int op, struct arth *x, struct arth *y, int rev){ RET("Relation %d #%d #%d %d",op,x->id,y->id,rev); if(vals[x->id]==777||vals[y->id]==777){hard(c,"Relation failed");return NULL;} return ok(); }
#define SIMPLE1(name, label, T) struct block *name(compiler_state_t *c, T v){ RET(label " %d",(int)v); if((int)v==666){hard(c,label " failed");return NULL;} return ok(); }
SIMPLE1(gen_less,"Less",int)
SIMPLE1(gen_greater,"Greater",int)
SIMPLE1(gen_broadcast,"Broadcast",int)
SIMPLE1(gen_multicast,"Multicast",int)
SIMPLE1(gen_ifindex,"IfIndex",int)
SIMPLE1(gen_inbound_outbound,"InOut",const int)
SIMPLE1(gen_llc_s_subtype,"LLCSSubtype",bpf_u_int32)
SIMPLE1(gen_llc_u_subtype,"LLCUSubtype",bpf_u_int32)
SIMPLE1(gen_atmtype_abbrev,"AtmType",int)
SIMPLE1(gen_atmmulti_abbrev,"AtmMulti",int)
SIMPLE1(gen_mtp2type_abbrev,"Mtp2Type",int)
SIMPLE1(gen_pf_rnr,"PfRnr",int)
SIMPLE1(gen_pf_srnr,"PfSrnr",int)
SIMPLE1(gen_pf_reason,"PfReason",int)
SIMPLE1(gen_pf_action,"PfAction",int)
SIMPLE1(gen_p80211_fcdir,"P80211Dir",bpf_u_int32)
struct block *gen_byteop(compiler_state_t *c, int op, int i, bpf_u_int32 v){ RET("ByteOp %c %d %u",op,i,v); if(v==666){hard(c,"ByteOp failed");return NULL;} return ok(); }
#define SIMPLE0(name,label) struct block *name(compiler_state_t *c){ RET("%s",label); return ok(); }
SIMPLE0(gen_llc,"LLC") SIMPLE0(gen_llc_i,"LLCI") SIMPLE0(gen_llc_s,"LLCS") SIMPLE0(gen_llc_u,"LLCU") SIMPLE0(gen_pppoed,"PPPoED")
#define SIMPLE2(name,label) struct block *name(compiler_state_t *c, bpf_u_int32 v, int has){ RET(label " %u %d",v,has); if(v==666){hard(c,label " failed");return NULL;} return ok(); }
SIMPLE2(gen_vlan,"VLAN") SIMPLE2(gen_mpls,"MPLS") SIMPLE2(gen_pppoes,"PPPoES") SIMPLE2(gen_geneve,"Geneve") SIMPLE2(gen_vxlan,"VXLAN")
struct block *gen_atmfield_code(compiler_state_t *c, int f, bpf_u_int32 v, int op, int rev){ RET("AtmField %d %u %d %d",f,v,op,rev); if(v==666){hard(c,"AtmField failed");return NULL;} return ok(); }
struct block *gen_mtp3field_code(compiler_state_t *c, int f, bpf_u_int32 v, int op, int rev){ RET("Mtp3Field %d %u %d %d",f,v,op,rev); if(v==666){hard(c,"Mtp3Field failed");return NULL;} return ok(); }
struct block *gen_pf_ifname(compiler_state_t *c, const char *s){ RET("PfIfname %s",s); return ok(); }
struct block *gen_pf_ruleset(compiler_state_t *c, char *s){ RET("PfRuleset %s",s); return ok(); }
struct block *gen_p80211_type(compiler_state_t *c, bpf_u_int32 v, bpf_u_int32 m){ RET("P80211Type %u %u",v,m); return ok(); }
int finish_parse(compiler_state_t *c, struct block *b){ printf("Finish #%d\n", b->id); return 0; }
int main(void){
  static char buf[1<<26]; size_t n=fread(buf,1,sizeof buf-1,stdin); buf[n]=0;
  char *p=buf;
  while (p < buf+n) {
    size_t l=strlen(p);
    compiler_state_t cs; memset(&cs,0,sizeof cs); nid=0;
    yyscan_t sc; yylex_init(&sc); YY_BUFFER_STATE bs = yy_scan_string(p, sc); yyset_extra(&cs, sc);
    int r = yyparse(sc, &cs);
    if (r) printf("=> ERR %s\n", cs.errbuf); else printf("=> OK\n");
    yy_delete_buffer(bs, sc); yylex_destroy(sc);
    fflush(stdout);
    p += l+1;
  }
  return 0;
}
