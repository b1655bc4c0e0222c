namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>
/// Test modules for the back-end tests, compiled from the WAT shown above each one with
/// <c>wat2wasm --debug-names</c> (wabt 1.0.32) when the tests were written, so running the tests
/// needs no wabt.
/// </summary>
internal static class BackendModules
{
    /*
    (module
      (func $fac (export "fac") (param i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
          (then (i64.const 1))
          (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
      (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "sum3") (param i32 i32 i32) (result i32)
        (call $add (local.get 0) (call $add (local.get 1) (local.get 2))))
      (func $swap (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
      (func $swap_back (param i64 i32) (result i32 i64) (local.get 1) (local.get 0))
      (func (export "swap_twice") (param i32 i64) (result i32 i64)
        (call $swap_back (call $swap (local.get 0) (local.get 1))))
      (func (export "br_table") (param i32) (result i32)
        (block $d (block $c (block $b (block $a
          (br_table $a $b $c $d (local.get 0)))
          (return (i32.const 10)))
          (return (i32.const 11)))
          (return (i32.const 12)))
        (i32.const 13))
      (func (export "br_extras") (param i32) (result i32)
        ;; a branch out of a block leaving extra operands below the result
        (i32.const 100)
        (block (result i32)
          (i32.const 1) (i32.const 2) (i32.const 3)
          (br_if 0 (local.get 0) (local.get 0))
          (drop) (drop) (drop))
        (i32.add))
      (func (export "loop_sum") (param i32) (result i32) (local i32)
        (block $exit
          (loop $top
            (br_if $exit (i32.eqz (local.get 0)))
            (local.set 1 (i32.add (local.get 1) (local.get 0)))
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $top)))
        (local.get 1))
      (func (export "multi_block") (param i32 i32) (result i32)
        (local.get 0) (local.get 1)
        (block (param i32 i32) (result i32) (i32.sub))
        (loop (param i32) (result i32) (i32.const 2) (i32.mul)))
      (func (export "select") (param i32) (result i64)
        (select (i64.const 7) (i64.const 9) (local.get 0)))
    )
    */
    public static byte[] Calls => Convert.FromHexString(
        "0061736d0100000001320860017e017e60027f7f017f60037f7f7f017f60027f7e027e7f60027e7f027f7e60027f7e027f7e" +
        "60017f017f60017f017e030c0b0001020304050606060107075b090366616300000473756d330002047377617000030a7377" +
        "61705f747769636500050862725f7461626c6500060962725f6578747261730007086c6f6f705f73756d00080b6d756c7469" +
        "5f626c6f636b00090673656c656374000a0abd010b1500200050047e4201052000200042017d10007e0b0b0700200020016a" +
        "0b0c00200020012002100110010b0600200120000b0600200120000b0a0020002001100310040b2100024002400240024020" +
        "000e03000102030b410a0f0b410b0f0b410c0f0b410d0b180041e400027f410141024103200020000d001a1a1a0b6a0b2101" +
        "017f024003402000450d01200120006a2101200041016b21000c000b0b20010b10002000200102016b0b030641026c0b0b09" +
        "004207420920001b0b003c046e616d65011c04000366616301036164640304737761700409737761705f6261636b02170b00" +
        "000100020003000400050006000700080009000a00");

    /*
    (module
      (global $g (export "g") (mut i32) (i32.const 5))
      (global (export "c") f64 (f64.const 1.5))
      (func (export "get") (result i32) (global.get $g))
      (func (export "set") (param i32) (global.set $g (local.get 0)))
    )
    */
    public static byte[] Globals => Convert.FromHexString(
        "0061736d010000000109026000017f60017f0003030200010612027f0141050b7c0044000000000000f83f0b071504016703" +
        "00016303010367657400000373657400010a0d02040023000b0600200024000b0012046e616d650205020000010007040100" +
        "0167");

    /*
    (module
      (import "env" "add" (func $add (param i32 i32) (result i32)))
      (import "env" "pair" (func $pair (param i64) (result i64 f64)))
      (import "env" "peek" (func $peek (param i32) (result i32)))
      (import "env" "boom" (func $boom))
      (memory (export "memory") 1)
      (data (i32.const 8) "\2a")
      (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
      (func (export "call_pair") (param i64) (result f64 i64) (local $f f64) (local $i i64)
        (call $pair (local.get 0)) (local.set $f) (local.set $i) (local.get $f) (local.get $i))
      (func (export "call_peek") (param i32) (result i32) (call $peek (local.get 0)))
      (func (export "call_boom") (call $boom))
    )
    */
    public static byte[] Host => Convert.FromHexString(
        "0061736d01000000011b0560027f7f017f60017e027e7c60017f017f60000060017e027c7e022c0403656e76036164640000" +
        "03656e760470616972000103656e76047065656b000203656e7604626f6f6d0003030504000402030503010001073905066d" +
        "656d6f727902000863616c6c5f61646400040963616c6c5f7061697200050963616c6c5f7065656b00060963616c6c5f626f" +
        "6f6d00070a290408002000200110000b1202017c017e2000100121012102200120020b0600200010020b040010030b0b0701" +
        "0041080b012a0038046e616d65011804000361646401047061697202047065656b0304626f6f6d0217080000010002000300" +
        "0400050201016602016906000700");

    /*
    (module
      (import "exp" "g" (global $g (mut i32)))
      (func (export "get") (result i32) (global.get $g))
      (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1))))
    )
    */
    public static byte[] Importer => Convert.FromHexString(
        "0061736d010000000108026000017f600000020a01036578700167037f010303020001070e020367657400000462756d7000" +
        "010a1002040023000b0900230041016a24000b0012046e616d6502050200000100070401000167");

    /*
    (module
      (memory (export "mem") 1 4)
      (data (i32.const 16) "hello")
      (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "load_off") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
      (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
      (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "size") (result i32) (memory.size))
      (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    )
    */
    public static byte[] Memory => Convert.FromHexString(
        "0061736d01000000011a0560017f017f60027f7e0060017f017e6000017f60037f7f7f000308070000010200030405040101" +
        "0104074208036d656d0200056c6f6164380000086c6f61645f6f666600010773746f726536340002066c6f61643634000304" +
        "67726f7700040473697a6500050466696c6c00060a3f07070020002d00000b0b0020002802f0ffffff0f0b09002000200137" +
        "03000b070020002903000b0600200040000b04003f000b0b00200020012002fc0b000b0b0b010041100b0568656c6c6f0016" +
        "046e616d65020f070000010002000300040005000600");

    /*
    (module $tables
      (type $i2i (func (param i32) (result i32)))
      (table (export "tab") 4 funcref)
      (elem (i32.const 0) $inc $unit)
      (func $inc (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func $unit)
      (func (export "call") (param i32 i32) (result i32)
        (call_indirect (type $i2i) (local.get 1) (local.get 0)))
      (func (export "ref") (result funcref) (ref.func $inc))
    )
    */
    public static byte[] Tables => Convert.FromHexString(
        "0061736d0100000001130460017f017f60000060027f7f017f6000017003050400010203040401700004071a040374616201" +
        "0003696e6300000463616c6c00020372656600030908010041000b0200010a1b040700200041016a0b02000b090020012000" +
        "1100000b0400d2000b002f046e616d650007067461626c6573010c020003696e630104756e69740209040000010002000300" +
        "0406010003693269");

    /*
    (module $traps
      (func $recurse (export "recurse") (param i32) (result i32)
        (i32.add (i32.const 1) (call $recurse (local.get 0))))
      (func $inner (export "inner") (unreachable))
      (func $outer (export "outer") (call $inner))
      (func (export "spin") (loop $l (br $l)))
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    )
    */
    public static byte[] Traps => Convert.FromHexString(
        "0061736d01000000010f0360017f017f60000060027f7f017f03060500010101020728050772656375727365000005696e6e" +
        "65720001056f757465720002047370696e00030364697600040a240509004101200010006a0b0300000b040010010b070003" +
        "400c000b0b0700200020016d0b0034046e616d6500060574726170730118030007726563757273650105696e6e657202056f" +
        "75746572020b0500000100020003000400");

    /*
    (module
      (import "env" "mem" (memory 1))
      (data (i32.const 0) "ok")
      (data (i32.const 65535) "xx"))
    */
    public static byte[] Segments => Convert.FromHexString(
        "0061736d01000000020c0103656e76036d656d0200010b11020041000b026f6b0041ffff030b0278780008046e616d650201" +
        "00");
}
