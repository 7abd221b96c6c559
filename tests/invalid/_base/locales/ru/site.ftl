hello = Привет
