week,day,meal,dish,portion_g
1,Mon,lunch,Плов,250
