hello = Привет
broken = { $name
other = x
