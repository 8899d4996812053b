-- 120 nested do-blocks, each with a local, and nested ifs/whiles
local total = 0
do local l0 = 0 total = total + l0
 do local l1 = 1 total = total + l1
  do local l2 = 2 total = total + l2
   do local l3 = 3 total = total + l3
    do local l4 = 4 total = total + l4
     do local l5 = 5 total = total + l5
      do local l6 = 6 total = total + l6
       do local l7 = 7 total = total + l7
        do local l8 = 8 total = total + l8
         do local l9 = 9 total = total + l9
          do local l10 = 10 total = total + l10
           do local l11 = 11 total = total + l11
            do local l12 = 12 total = total + l12
             do local l13 = 13 total = total + l13
              do local l14 = 14 total = total + l14
               do local l15 = 15 total = total + l15
                do local l16 = 16 total = total + l16
                 do local l17 = 17 total = total + l17
                  do local l18 = 18 total = total + l18
                   do local l19 = 19 total = total + l19
                    do local l20 = 20 total = total + l20
                     do local l21 = 21 total = total + l21
                      do local l22 = 22 total = total + l22
                       do local l23 = 23 total = total + l23
                        do local l24 = 24 total = total + l24
                         do local l25 = 25 total = total + l25
                          do local l26 = 26 total = total + l26
                           do local l27 = 27 total = total + l27
                            do local l28 = 28 total = total + l28
                             do local l29 = 29 total = total + l29
                              do local l30 = 30 total = total + l30
                               do local l31 = 31 total = total + l31
                                do local l32 = 32 total = total + l32
                                 do local l33 = 33 total = total + l33
                                  do local l34 = 34 total = total + l34
                                   do local l35 = 35 total = total + l35
                                    do local l36 = 36 total = total + l36
                                     do local l37 = 37 total = total + l37
                                      do local l38 = 38 total = total + l38
                                       do local l39 = 39 total = total + l39
do local l40 = 40 total = total + l40
 do local l41 = 41 total = total + l41
  do local l42 = 42 total = total + l42
   do local l43 = 43 total = total + l43
    do local l44 = 44 total = total + l44
     do local l45 = 45 total = total + l45
      do local l46 = 46 total = total + l46
       do local l47 = 47 total = total + l47
        do local l48 = 48 total = total + l48
         do local l49 = 49 total = total + l49
          do local l50 = 50 total = total + l50
           do local l51 = 51 total = total + l51
            do local l52 = 52 total = total + l52
             do local l53 = 53 total = total + l53
              do local l54 = 54 total = total + l54
               do local l55 = 55 total = total + l55
                do local l56 = 56 total = total + l56
                 do local l57 = 57 total = total + l57
                  do local l58 = 58 total = total + l58
                   do local l59 = 59 total = total + l59
                    do local l60 = 60 total = total + l60
                     do local l61 = 61 total = total + l61
                      do local l62 = 62 total = total + l62
                       do local l63 = 63 total = total + l63
                        do local l64 = 64 total = total + l64
                         do local l65 = 65 total = total + l65
                          do local l66 = 66 total = total + l66
                           do local l67 = 67 total = total + l67
                            do local l68 = 68 total = total + l68
                             do local l69 = 69 total = total + l69
                              do local l70 = 70 total = total + l70
                               do local l71 = 71 total = total + l71
                                do local l72 = 72 total = total + l72
                                 do local l73 = 73 total = total + l73
                                  do local l74 = 74 total = total + l74
                                   do local l75 = 75 total = total + l75
                                    do local l76 = 76 total = total + l76
                                     do local l77 = 77 total = total + l77
                                      do local l78 = 78 total = total + l78
                                       do local l79 = 79 total = total + l79
do local l80 = 80 total = total + l80
 do local l81 = 81 total = total + l81
  do local l82 = 82 total = total + l82
   do local l83 = 83 total = total + l83
    do local l84 = 84 total = total + l84
     do local l85 = 85 total = total + l85
      do local l86 = 86 total = total + l86
       do local l87 = 87 total = total + l87
        do local l88 = 88 total = total + l88
         do local l89 = 89 total = total + l89
          do local l90 = 90 total = total + l90
           do local l91 = 91 total = total + l91
            do local l92 = 92 total = total + l92
             do local l93 = 93 total = total + l93
              do local l94 = 94 total = total + l94
               do local l95 = 95 total = total + l95
                do local l96 = 96 total = total + l96
                 do local l97 = 97 total = total + l97
                  do local l98 = 98 total = total + l98
                   do local l99 = 99 total = total + l99
                    do local l100 = 100 total = total + l100
                     do local l101 = 101 total = total + l101
                      do local l102 = 102 total = total + l102
                       do local l103 = 103 total = total + l103
                        do local l104 = 104 total = total + l104
                         do local l105 = 105 total = total + l105
                          do local l106 = 106 total = total + l106
                           do local l107 = 107 total = total + l107
                            do local l108 = 108 total = total + l108
                             do local l109 = 109 total = total + l109
                              do local l110 = 110 total = total + l110
                               do local l111 = 111 total = total + l111
                                do local l112 = 112 total = total + l112
                                 do local l113 = 113 total = total + l113
                                  do local l114 = 114 total = total + l114
                                   do local l115 = 115 total = total + l115
                                    do local l116 = 116 total = total + l116
                                     do local l117 = 117 total = total + l117
                                      do local l118 = 118 total = total + l118
                                       do local l119 = 119 total = total + l119
                                       end
                                      end
                                     end
                                    end
                                   end
                                  end
                                 end
                                end
                               end
                              end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
end
                                       end
                                      end
                                     end
                                    end
                                   end
                                  end
                                 end
                                end
                               end
                              end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
end
                                       end
                                      end
                                     end
                                    end
                                   end
                                  end
                                 end
                                end
                               end
                              end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
end
if total > 0 then while total > 0 do total = total - 1 break end
 if total > 1 then while total > 1000 do total = total - 1 break end
  if total > 2 then while total > 2000 do total = total - 1 break end
   if total > 3 then while total > 3000 do total = total - 1 break end
    if total > 4 then while total > 4000 do total = total - 1 break end
     if total > 5 then while total > 5000 do total = total - 1 break end
      if total > 6 then while total > 6000 do total = total - 1 break end
       if total > 7 then while total > 7000 do total = total - 1 break end
        if total > 8 then while total > 8000 do total = total - 1 break end
         if total > 9 then while total > 9000 do total = total - 1 break end
          if total > 10 then while total > 10000 do total = total - 1 break end
           if total > 11 then while total > 11000 do total = total - 1 break end
            if total > 12 then while total > 12000 do total = total - 1 break end
             if total > 13 then while total > 13000 do total = total - 1 break end
              if total > 14 then while total > 14000 do total = total - 1 break end
               if total > 15 then while total > 15000 do total = total - 1 break end
                if total > 16 then while total > 16000 do total = total - 1 break end
                 if total > 17 then while total > 17000 do total = total - 1 break end
                  if total > 18 then while total > 18000 do total = total - 1 break end
                   if total > 19 then while total > 19000 do total = total - 1 break end
                    if total > 20 then while total > 20000 do total = total - 1 break end
                     if total > 21 then while total > 21000 do total = total - 1 break end
                      if total > 22 then while total > 22000 do total = total - 1 break end
                       if total > 23 then while total > 23000 do total = total - 1 break end
                        if total > 24 then while total > 24000 do total = total - 1 break end
                         if total > 25 then while total > 25000 do total = total - 1 break end
                          if total > 26 then while total > 26000 do total = total - 1 break end
                           if total > 27 then while total > 27000 do total = total - 1 break end
                            if total > 28 then while total > 28000 do total = total - 1 break end
                             if total > 29 then while total > 29000 do total = total - 1 break end
                             end
                            end
                           end
                          end
                         end
                        end
                       end
                      end
                     end
                    end
                   end
                  end
                 end
                end
               end
              end
             end
            end
           end
          end
         end
        end
       end
      end
     end
    end
   end
  end
 end
end
print(total)
