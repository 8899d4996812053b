if >= 1 then end
