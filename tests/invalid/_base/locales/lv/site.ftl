hello = Sveiki
