// 25 undefined functions called from main.main: cmd/link stops after its 21st error
// with "too many errors".
package main

func g1() int
func g2() int
func g3() int
func g4() int
func g5() int
func g6() int
func g7() int
func g8() int
func g9() int
func g10() int
func g11() int
func g12() int
func g13() int
func g14() int
func g15() int
func g16() int
func g17() int
func g18() int
func g19() int
func g20() int
func g21() int
func g22() int
func g23() int
func g24() int
func g25() int
func main() {
	println(0 + g1() + g2() + g3() + g4() + g5() + g6() + g7() + g8() + g9() + g10() + g11() + g12() + g13() + g14() + g15() + g16() + g17() + g18() + g19() + g20() + g21() + g22() + g23() + g24() + g25())
}
